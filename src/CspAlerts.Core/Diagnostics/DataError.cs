namespace CspAlerts.Diagnostics;

/// <summary>One thing wrong with a dataset, at a file, line and (where known) column.</summary>
/// <param name="Column">1-based column number, or null when the error is about the whole line or file.</param>
/// <param name="Value">The offending value as read, or null.</param>
public sealed record DataError(string File, int Line, int? Column, string? Value, string Reason)
{
    /// <summary><c>file:line:column: reason</c>, the form every error takes.</summary>
    public override string ToString() => $"{File}:{Line}:{Column ?? 1}: {Reason}";
}

/// <summary>A dataset was refused; nothing from it was applied.</summary>
public sealed class DatasetRejectedException : Exception
{
    public DatasetRejectedException(IReadOnlyList<DataError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public DatasetRejectedException()
        : this([])
    {
    }

    public DatasetRejectedException(string message)
        : base(message)
    {
        Errors = [];
    }

    public DatasetRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<DataError> Errors { get; } = [];
}
