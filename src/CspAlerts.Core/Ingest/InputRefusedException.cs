namespace CspAlerts.Ingest;

/// <summary>
/// Thrown from deep in a read (a byte count, a line length, an XML part) when the input passes a
/// limit or cannot be read on; the table reader that called turns it into one error and stops.
/// </summary>
internal sealed class InputRefusedException : Exception
{
    public InputRefusedException()
    {
    }

    public InputRefusedException(string message)
        : base(message)
    {
    }

    public InputRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="line">The line, or spreadsheet row, the read had reached; 1 for the file as a whole.</param>
    public InputRefusedException(int line, string message)
        : base(message)
    {
        Line = line;
    }

    /// <summary>The 1-based line or spreadsheet row the error is at.</summary>
    public int Line { get; } = 1;
}
