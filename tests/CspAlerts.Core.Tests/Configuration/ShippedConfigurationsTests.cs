using CspAlerts.Core.Tests.Support;
using CspAlerts.Evaluation;

namespace CspAlerts.Core.Tests.Configuration;

/// <summary>Every configuration the project ships validates, rules compiled, as <c>validate --rules</c> would check it.</summary>
public sealed class ShippedConfigurationsTests
{
    public static TheoryData<string> Folders()
    {
        var folders = new TheoryData<string> { "rules" };
        foreach (var folder in Directory.GetDirectories(Path.Combine(RepoFiles.Root, "configs")).Order(StringComparer.Ordinal))
        {
            folders.Add("configs/" + Path.GetFileName(folder));
        }

        return folders;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_shipped_configuration_is_valid_and_its_rules_compile(string folder)
    {
        var engine = ExceptionEngine.Load(folder, baseDirectory: RepoFiles.Root);

        Assert.NotEmpty(engine.Rules.Rules);
        Assert.NotEmpty(engine.Configuration.Indicators);
    }
}
