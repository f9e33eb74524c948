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

    /// <summary>The SQLite state file. The default is <c>data/cspalerts.db</c>.</summary>
    public string StatePath => _configuration["State:Path"] is { Length: > 0 } path ? path : "data/cspalerts.db";

    /// <summary>When set, state is kept in PostgreSQL instead of SQLite.</summary>
    public string? PostgresConnectionString => _configuration["ConnectionStrings:Postgres"] is { Length: > 0 } s ? s : null;

    /// <summary>Where messages are written as .eml files when no SMTP host is set. The default is <c>data/outbox</c>.</summary>
    public string PickupPath => _configuration["Mail:PickupPath"] is { Length: > 0 } path ? path : "data/outbox";

    /// <summary>The folder <c>serve</c> watches for new datasets. The default is <c>data/inbox</c>.</summary>
    public string InboxPath => _configuration["Inbox:Path"] is { Length: > 0 } path ? path : "data/inbox";

    /// <summary>This node's name in the service's logs and the jobs dashboard; unset, the machine and process id.</summary>
    public string? NodeName => _configuration["Node:Name"] is { Length: > 0 } name ? name : null;

    /// <summary>A login that lets requests from other machines into <c>serve</c>; without it only local requests are served.</summary>
    public (string User, string Password)? WebLogin =>
        _configuration["Web:User"] is { Length: > 0 } user && _configuration["Web:Password"] is { Length: > 0 } password ? (user, password) : null;

    /// <summary>Where the service's pages are reached from a lead's mail client; each item in an email then links to its page.</summary>
    public string? WebBaseUrl => _configuration["Web:BaseUrl"] is { Length: > 0 } url ? url : null;

    /// <summary>The marking in every subject and footer. The default is <c>OFFICIAL</c>.</summary>
    public string ProtectiveMarking => _configuration["Mail:ProtectiveMarking"] is { Length: > 0 } m ? m : "OFFICIAL";

    /// <summary>Recipient domains allowed; empty means the domains of the owners in the rules folder.</summary>
    public IReadOnlyList<string> AllowedDomains =>
        (_configuration["Mail:AllowedDomains"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>SMTP delivery; an empty host means the pickup folder. The password comes only from the environment or a host's own secret store.</summary>
    /// <exception cref="UsageException">The port or a switch is not a value it can take.</exception>
    public Mail.SmtpOptions Smtp => new()
    {
        Host = _configuration["Smtp:Host"] ?? string.Empty,
        Port = _configuration["Smtp:Port"] is { Length: > 0 } port
            ? int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : throw new UsageException($"setting Smtp:Port is '{port}', not a port number")
            : 587,
        StartTls = _configuration["Smtp:StartTls"] is not { Length: > 0 } tls || (bool.TryParse(tls, out var t) ? t : throw new UsageException($"setting Smtp:StartTls is '{tls}', not true or false")),
        User = _configuration["Smtp:User"] is { Length: > 0 } user ? user : null,
        Password = _configuration["Smtp:Password"] is { Length: > 0 } password ? password : null,
        From = _configuration["Smtp:From"] ?? string.Empty,
    };

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
