namespace CspAlerts.Configuration;

/// <summary>Thrown when the configuration under <c>rules/</c> is invalid; carries every error found, in file order.</summary>
public sealed class ConfigurationRejectedException : Exception
{
    public ConfigurationRejectedException()
        : this([])
    {
    }

    public ConfigurationRejectedException(string message)
        : base(message)
    {
        Errors = [];
    }

    public ConfigurationRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public ConfigurationRejectedException(IReadOnlyList<ConfigError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error, each as <c>file:line:column: message</c> when printed.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var noun = errors.Count == 1 ? "error" : "errors";
        return $"The configuration was rejected with {errors.Count} {noun}:{Environment.NewLine}"
            + string.Join(Environment.NewLine, errors);
    }
}
