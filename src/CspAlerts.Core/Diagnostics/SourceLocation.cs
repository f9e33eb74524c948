namespace CspAlerts.Diagnostics;

/// <summary>Where an item was read from: the file, and the 1-based line and column.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
