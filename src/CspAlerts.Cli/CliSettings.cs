using System.Globalization;
using CspAlerts.Configuration;
using CspAlerts.Ingest;
using CspAlerts.Rules;
using Microsoft.Extensions.Configuration;

namespace CspAlerts.Cli;

/// <summary>
/// Settings from <c>appsettings.json</c>, overridden by <c>CSPALERTS_</c> environment variables
/// (the <c>__</c> separator stands for <c>:</c>), e.g. <c>CSPALERTS_Rules__Path</c>.
/// </summary>
internal sealed class CliSettings
{
    private readonly IConfiguration _configuration;

    private CliSettings(IConfiguration configuration) => _configuration = configuration;

    /// <summary>The rules folder. The default is <c>rules</c>.</summary>
    public string RulesPath => _configuration["Rules:Path"] is { Length: > 0 } path ? path : "rules";

    /// <summary>
    /// The rule limits, each raised or lowered by a <c>Limits:Rules:&lt;name&gt;</c> setting (e.g.
    /// <c>CSPALERTS_Limits__Rules__MaxNestingDepth=64</c>); the defaults otherwise.
    /// </summary>
    /// <exception cref="UsageException">A limit is not a whole number or is out of its range.</exception>
    public RuleLimits RuleLimits => Limits("Rules", RuleLimits.Default);

    /// <summary>The configuration loader's limits, each set by a <c>Limits:Configuration:&lt;name&gt;</c> setting.</summary>
    /// <exception cref="UsageException">A limit is not a whole number or is out of its range.</exception>
    public ConfigurationLimits ConfigurationLimits => Limits("Configuration", ConfigurationLimits.Default);

    /// <summary>The dataset loader's limits, each set by a <c>Limits:Datasets:&lt;name&gt;</c> setting.</summary>
    /// <exception cref="UsageException">A limit is not a whole number or is out of its range.</exception>
    public DatasetLimits DatasetLimits => Checked(Limits("Datasets", DatasetLimits.Default));

    private static DatasetLimits Checked(DatasetLimits limits)
    {
        try
        {
            limits.Validate();
            return limits;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new UsageException($"setting Limits:Datasets:{ex.ParamName}: {ex.Message.Split(" (Parameter")[0]}");
        }
    }

    /// <summary>Reads each whole-number limit of <typeparamref name="T"/> from <c>Limits:&lt;section&gt;:&lt;name&gt;</c>.</summary>
    private T Limits<T>(string section, T defaults)
        where T : class
    {
        var limits = defaults;
        foreach (var property in typeof(T).GetProperties().Where(p => (p.PropertyType == typeof(int) || p.PropertyType == typeof(long)) && p.CanWrite))
        {
            var key = $"Limits:{section}:{property.Name}";
            if (_configuration[key] is not { Length: > 0 } text)
            {
                continue;
            }

            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || (property.PropertyType == typeof(int) && value > int.MaxValue))
            {
                throw new UsageException($"setting {key} is '{text}', not a whole number");
            }

            // A copy, so the shared defaults are never changed.
            limits = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(limits, null)!;
            try
            {
                property.SetValue(limits, property.PropertyType == typeof(int) ? (object)(int)value : value);
            }
            catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is ArgumentOutOfRangeException range)
            {
                throw new UsageException($"setting {key}: {range.Message.Split(" (Parameter")[0]}");
            }
        }

        return limits;
    }

    /// <summary>
    /// The process's settings: the <c>appsettings.json</c> shipped beside the program, then one in
    /// <paramref name="baseDirectory"/> (the working folder), then <c>CSPALERTS_</c> environment variables.
    /// </summary>
    public static CliSettings Load(string baseDirectory) => new(new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
        .AddJsonFile(Path.Combine(baseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
        .AddEnvironmentVariables("CSPALERTS_")
        .Build());

    /// <summary>Settings given directly, by their <c>Section:Name</c> keys: for hosts and tests that must not read the process's environment.</summary>
    public static CliSettings From(IEnumerable<KeyValuePair<string, string?>> values) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
