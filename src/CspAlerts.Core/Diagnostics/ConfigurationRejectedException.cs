namespace CspAlerts.Diagnostics;

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

    /// <summary>Rejects with these errors, put in file order (file, line, column) wherever they were found.</summary>
    public ConfigurationRejectedException(IEnumerable<ConfigError> errors)
        : this(InFileOrder(errors))
    {
    }

    private ConfigurationRejectedException(IReadOnlyList<ConfigError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error, each as <c>file:line:column: message</c> when printed.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>
    /// Errors in file order: by file, line and column, those at one place in the order they were found.
    /// Errors from different stages (loading, compiling rules) merged this way read as one list.
    /// </summary>
    public static IReadOnlyList<ConfigError> InFileOrder(IEnumerable<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors
            .OrderBy(e => e.Location.File, StringComparer.Ordinal)
            .ThenBy(e => e.Location.Line)
            .ThenBy(e => e.Location.Column)
            .ToList();
    }

    private static string Describe(IReadOnlyList<ConfigError> errors)
    {
        var noun = errors.Count == 1 ? "error" : "errors";
        return $"The configuration was rejected with {errors.Count} {noun}:{Environment.NewLine}"
            + string.Join(Environment.NewLine, errors);
    }
}
