namespace CspAlerts.Diagnostics;

/// <summary>One thing wrong with the configuration, at the YAML node that is wrong.</summary>
/// <param name="Location">The file, line and column of the offending key or value.</param>
/// <param name="Message">One sentence of product text naming the item and what is wrong.</param>
public sealed record ConfigError(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
