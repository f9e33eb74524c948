namespace CspAlerts.Cli;

/// <summary>A mistake in how the command was called, reported as one line with its exit code.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message, int exitCode = CliApplication.InvalidInput)
        : base(message) => ExitCode = exitCode;

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ExitCode { get; } = CliApplication.InvalidInput;
}
