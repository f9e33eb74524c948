namespace CspAlerts.Ingest;

/// <summary>
/// One layout a dataset may come in. The loader reads a source into a <see cref="Table"/>, asks
/// each format in turn whether it recognises the header, and lets the first that does read it.
/// </summary>
internal interface IDatasetFormat
{
    /// <summary>The name a dataset read in this format gives as its <see cref="Dataset.Format"/>.</summary>
    string Name { get; }

    /// <summary>True when the header (trimmed, trailing empty cells dropped) is meant as this format.</summary>
    bool Recognises(IReadOnlyList<string> columns);

    /// <summary>
    /// Reads the table's rows through, once, keeping no more of a row than its observations;
    /// returns null after adding at least one error to <see cref="Table.Errors"/> when anything is wrong.
    /// </summary>
    Dataset? Read(Table table);
}
