using CspAlerts.Evaluation;

namespace CspAlerts.Core.Tests.Evaluation;

/// <summary>Naming an indicator on the command line: by id or name, and a clear refusal otherwise.</summary>
public class ResolveIndicatorTests
{
    private static readonly Lazy<ExceptionEngine> Engine = new(() =>
        ExceptionEngine.Load(Path.Combine(CspAlerts.Testing.RepositoryRoot.Find(AppContext.BaseDirectory), "rules")));

    [Theory]
    [InlineData("theft-of-motor-vehicle")]
    [InlineData("Theft of motor vehicle")]
    [InlineData(" THEFT-OF-MOTOR-VEHICLE ")]
    public void An_indicator_is_found_by_its_id_or_its_name_ignoring_case(string label) =>
        Assert.Equal("theft-of-motor-vehicle", Engine.Value.ResolveIndicator(label).Id);

    [Fact]
    public void An_unknown_indicator_is_refused_with_the_list_of_ids()
    {
        var error = Assert.Throws<EvaluationRejectedException>(() => Engine.Value.ResolveIndicator("burgalry"));

        Assert.StartsWith("unknown indicator 'burgalry': use an id or a name; the ids are total-notifiable-offences, violence-with-injury,", error.Message, StringComparison.Ordinal);
    }
}
