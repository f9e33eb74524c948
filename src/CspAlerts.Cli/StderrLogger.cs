using Microsoft.Extensions.Logging;

namespace CspAlerts.Cli;

/// <summary>Logs to stderr as plain lines, warnings prefixed <c>warning:</c>, so that stdout holds only the table or the JSON.</summary>
internal sealed class StderrLogger(TextWriter stderr, LogLevel minimum = LogLevel.Information) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var prefix = logLevel switch
        {
            >= LogLevel.Error => "error: ",
            LogLevel.Warning => "warning: ",
            _ => string.Empty,
        };
        stderr.WriteLine(prefix + formatter(state, exception));
    }
}
