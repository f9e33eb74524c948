using Microsoft.Extensions.Logging;

namespace CspAlerts.Evaluation;

/// <summary>What a run logs, as compiled logging delegates.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "loaded {File} ({Format}): {Rows:N0} rows, {Observations:N0} observations{Skipped}")]
    public static partial void Loaded(ILogger logger, string file, string format, int rows, int observations, string skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void Warning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "evaluated {Rules} rules for {Areas} area(s) at {Period}: {Items} item(s) from {Firings} rule firing(s)")]
    public static partial void Evaluated(ILogger logger, int rules, int areas, string period, int items, int firings);
}
