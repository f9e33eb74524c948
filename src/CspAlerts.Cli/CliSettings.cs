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

    public static CliSettings Load() => new(new ConfigurationBuilder()
        .SetBasePath(Directory.GetCurrentDirectory())
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables("CSPALERTS_")
        .Build());
}
