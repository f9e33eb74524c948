using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace CspAlerts.Ingest;

/// <summary>
/// An .xlsx workbook opened for its first sheet: the package checked against the limits before
/// anything is unpacked, then the few parts a sheet's values need (the workbook, its relationships,
/// the styles that say which numbers are dates, and the shared strings). Every part is read as
/// plain XML: a DOCTYPE, an entity XML does not define, a part cut off or a token longer than a
/// workbook ever writes is one clear error, never a stack trace or a long wait.
/// </summary>
internal sealed class XlsxWorkbook : IDisposable
{
    /// <summary>More parts than any workbook has (a few dozen is usual): the central directory is read whole.</summary>
    private const int MaxParts = 10_000;

    private const string Refused = "cannot read the workbook: ";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;

    private XlsxWorkbook(ZipArchive zip, Dictionary<string, ZipArchiveEntry> entries)
    {
        _zip = zip;
        _entries = entries;
    }

    /// <summary>The first sheet's part, e.g. <c>xl/worksheets/sheet1.xml</c>.</summary>
    public string SheetPart { get; private set; } = string.Empty;

    /// <summary>True when the workbook counts dates from 1904, as old Mac workbooks do.</summary>
    public bool Date1904 { get; private set; }

    /// <summary>For each cell style (a cell's <c>s</c>), whether it shows a number as a date or time.</summary>
    public IReadOnlyList<bool> DateStyles { get; private set; } = [];

    /// <summary>The shared strings cells of type <c>s</c> point into.</summary>
    public IReadOnlyList<string> SharedStrings { get; private set; } = [];

    /// <summary>
    /// Opens the workbook; throws <see cref="InputRefusedException"/> naming what is wrong when the
    /// package breaks a limit or a part is missing or not plain XML. Disposes the stream when it fails.
    /// </summary>
    public static XlsxWorkbook Open(Stream stream, DatasetLimits limits)
    {
        ZipArchive? zip = null;
        try
        {
            var size = stream.Length;
            var parts = PartCount(stream) ?? 0;
            if (parts > MaxParts)
            {
                throw new InputRefusedException($"{Refused}it holds {N(parts)} parts, more than {N(MaxParts)}; a workbook has a few dozen");
            }

            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
            long unpacked = 0;
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries)
            {
                // The sizes are the archive's own claims; .NET reads an entry no further than its claimed size.
                unpacked += entry.Length;
                entries.TryAdd(entry.FullName.Replace('\\', '/').TrimStart('/'), entry);
            }

            var allowed = limits.UnpackedLimitFor(size);
            if (unpacked > allowed)
            {
                throw new InputRefusedException(
                    $"{Refused}it would unpack to {N(unpacked)} bytes, more than {N(allowed)}, the limit for a workbook of {N(size)} bytes " +
                    $"({N(limits.MaxUnpackRatio)} times its size, and never more than {N(limits.MaxUnpackedBytes)})");
            }

            var workbook = new XlsxWorkbook(zip, entries);
            workbook.ReadParts(limits);
            return workbook;
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or IOException)
        {
            Dispose(zip, stream);
            throw new InputRefusedException($"{Refused}{Shown.Of(ex.Message, 200)}", ex);
        }
        catch
        {
            Dispose(zip, stream);
            throw;
        }
    }

    /// <summary>
    /// Opens a part as XML; null when the package has no such part. The reader refuses a DOCTYPE
    /// and any entity XML does not define, and the part's bytes are held to <see cref="XmlTokenLimit"/>.
    /// </summary>
    public XmlReader? OpenPart(string part) =>
        _entries.TryGetValue(part, out var entry) ? XmlReader.Create(new XmlTokenLimit(entry.Open(), part), Settings) : null;

    /// <summary>Turns a failure inside a part into the one error it is reported as.</summary>
    public static InputRefusedException Fault(string part, Exception ex, int line = 1)
    {
        var name = Shown.Of(part);
        return ex switch
        {
            InputRefusedException refused => refused,
            XmlException xml => new InputRefusedException(line, Refused + Describe(name, xml)),
            _ => new InputRefusedException(line, $"{Refused}{name} is damaged: {Shown.Of(ex.Message, 200)}"),
        };
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>What is wrong with a part the XML reader refused, in words that say why.</summary>
    private static string Describe(string part, XmlException ex)
    {
        var message = ex.Message;
        var at = $"line {ex.LineNumber}, position {ex.LinePosition}";
        if (message.Contains("DTD", StringComparison.Ordinal))
        {
            return $"{part} declares a DOCTYPE, which no workbook has; it could define entities that expand without end";
        }

        if (message.StartsWith("Reference to undeclared entity", StringComparison.Ordinal) && Quoted(message) is { } entity)
        {
            return $"{part} uses the entity '&{Shown.Of(entity)};' at {at}, which is not defined; a workbook uses only XML's five: &amp; &lt; &gt; &quot; &apos;";
        }

        if (message.StartsWith("Unexpected end of file", StringComparison.Ordinal))
        {
            return $"{part} ends at {at} before its XML is complete: the file was cut off";
        }

        // The reader's own words, without the position it appends, which is given in ours.
        var reason = message.Replace($" Line {ex.LineNumber}, position {ex.LinePosition}.", string.Empty, StringComparison.Ordinal);
        return $"{part} is not well-formed XML at {at}: {Shown.Of(reason, 160)}";
    }

    private static string? Quoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        return start >= 0 && end > start ? message[(start + 1)..end] : null;
    }

    /// <summary>
    /// How many entries the archive's end record claims, read before .NET reads the central
    /// directory whole; null when there is no end record (the archive reader then says what is wrong).
    /// </summary>
    private static int? PartCount(Stream stream)
    {
        const int EndRecord = 22;
        var tail = (int)Math.Min(stream.Length, EndRecord + ushort.MaxValue);
        if (tail < EndRecord)
        {
            return null;
        }

        var bytes = new byte[tail];
        stream.Position = stream.Length - tail;
        stream.ReadExactly(bytes);
        stream.Position = 0;
        for (var i = tail - EndRecord; i >= 0; i--)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x05 && bytes[i + 3] == 0x06)
            {
                return bytes[i + 10] | (bytes[i + 11] << 8);
            }
        }

        return null;
    }

    private static void Dispose(ZipArchive? zip, Stream stream)
    {
        zip?.Dispose();
        stream.Dispose();
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private void ReadParts(DatasetLimits limits)
    {
        // The package's relationships name the workbook part; xl/workbook.xml is where Excel puts it.
        var workbookPart = Relationships("_rels/.rels", string.Empty)
            .FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target ?? "xl/workbook.xml";
        var folder = workbookPart.Contains('/', StringComparison.Ordinal) ? workbookPart[..(workbookPart.LastIndexOf('/') + 1)] : string.Empty;
        var relationships = Relationships($"{folder}_rels/{workbookPart[folder.Length..]}.rels", folder);

        string? sheetId = null;
        Read(workbookPart, required: true, reader =>
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "workbookPr")
                {
                    Date1904 = reader.GetAttribute("date1904") is "1" or "true";
                }
                else if (reader.LocalName == "sheet" && sheetId is null)
                {
                    // The relationship id is in the relationships namespace, whichever prefix it has.
                    sheetId = RelationshipId(reader) ?? string.Empty;
                }
            }
        });

        SheetPart = relationships.FirstOrDefault(r => r.Id == sheetId).Target
            ?? throw new InputRefusedException($"{Refused}it has no worksheet");
        if (!_entries.ContainsKey(SheetPart))
        {
            throw new InputRefusedException($"{Refused}its first sheet, {Shown.Of(SheetPart)}, is missing");
        }

        if (relationships.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)).Target is { } styles)
        {
            DateStyles = ReadStyles(styles);
        }

        if (relationships.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target is { } strings)
        {
            SharedStrings = ReadSharedStrings(strings, limits.MaxCellChars);
        }
    }

    private static string? RelationshipId(XmlReader reader)
    {
        for (var i = 0; i < reader.AttributeCount; i++)
        {
            reader.MoveToAttribute(i);
            if (reader.LocalName == "id" && reader.NamespaceURI.EndsWith("/relationships", StringComparison.Ordinal))
            {
                var id = reader.Value;
                reader.MoveToElement();
                return id;
            }
        }

        reader.MoveToElement();
        return null;
    }

    /// <summary>The relationships in a .rels part, targets resolved to part names; none when it is missing.</summary>
    private List<(string Id, string Type, string Target)> Relationships(string part, string folder)
    {
        var found = new List<(string, string, string)>();
        Read(part, required: false, reader =>
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("TargetMode") != "External")
                {
                    found.Add((reader.GetAttribute("Id") ?? string.Empty, reader.GetAttribute("Type") ?? string.Empty, Resolve(folder, reader.GetAttribute("Target") ?? string.Empty)));
                }
            }
        });
        return found;
    }

    /// <summary>A relationship's target as a part name: absolute from the package root, or relative to the folder of the part that names it.</summary>
    private static string Resolve(string folder, string target)
    {
        target = target.Replace('\\', '/');
        var path = target.StartsWith('/') ? target[1..] : folder + target;
        var parts = new List<string>();
        foreach (var piece in path.Split('/'))
        {
            if (piece == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (piece is not ("." or ""))
            {
                parts.Add(piece);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>Whether each cell style shows its number as a date: Excel's built-in date formats, or a format of its own with day, month, year or time in it.</summary>
    private bool[] ReadStyles(string part)
    {
        var formats = new Dictionary<int, string>();
        var styles = new List<int>();
        Read(part, required: false, reader =>
        {
            var inCellStyles = false;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
                {
                    inCellStyles = false;
                }
                else if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                else if (reader.LocalName == "numFmt" && int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    formats[id] = reader.GetAttribute("formatCode") ?? string.Empty;
                }
                else if (reader.LocalName == "cellXfs")
                {
                    inCellStyles = !reader.IsEmptyElement;
                }
                else if (reader.LocalName == "xf" && inCellStyles)
                {
                    styles.Add(int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var format) ? format : 0);
                }
            }
        });

        return [.. styles.Select(id => IsDateFormat(id, formats.GetValueOrDefault(id)))];
    }

    /// <summary>
    /// True for Excel's built-in date and time formats (14-22, 27-36, 45-47, 50-58) and for a format
    /// code with a d, m, y, h or s outside quotes, escapes and [colour] or [condition] brackets.
    /// </summary>
    internal static bool IsDateFormat(int id, string? code)
    {
        if (code is null)
        {
            return id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);
        }

        for (var i = 0; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '"':
                    i = code.IndexOf('"', i + 1);
                    if (i < 0)
                    {
                        return false;
                    }

                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        return false;
                    }

                    // [h], [mm] and [ss] are elapsed times: still a time.
                    var inside = code[(i + 1)..end].ToLowerInvariant();
                    if (inside.Length > 0 && inside.All(c => c is 'h' or 'm' or 's'))
                    {
                        return true;
                    }

                    i = end;
                    break;
                case 'd' or 'D' or 'm' or 'M' or 'y' or 'Y' or 'h' or 'H' or 's' or 'S':
                    return true;
            }
        }

        return false;
    }

    /// <summary>The shared strings, each the text of its runs (phonetic guides left out), cut one past the cell limit so a longer one is known.</summary>
    private List<string> ReadSharedStrings(string part, int maxCellChars)
    {
        var strings = new List<string>();
        Read(part, required: false, reader =>
        {
            var text = new StringBuilder();
            var inItem = false;
            var phonetic = 0;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.LocalName == "si":
                        text.Clear();
                        inItem = !reader.IsEmptyElement;
                        if (!inItem)
                        {
                            strings.Add(string.Empty);
                        }

                        break;
                    case XmlNodeType.Element when reader.LocalName == "rPh" && !reader.IsEmptyElement:
                        phonetic++;
                        break;
                    case XmlNodeType.EndElement when reader.LocalName == "rPh":
                        phonetic--;
                        break;
                    case XmlNodeType.Element when reader.LocalName == "t" && inItem && phonetic == 0 && !reader.IsEmptyElement:
                        AppendText(reader, text, maxCellChars + 1);
                        break;
                    case XmlNodeType.EndElement when reader.LocalName == "si":
                        strings.Add(Unescape(text.ToString()));
                        inItem = false;
                        break;
                }
            }
        });

        return strings;
    }

    /// <summary>Appends the text of the element the reader is on, up to a length, leaving the reader on its end.</summary>
    internal static void AppendText(XmlReader reader, StringBuilder text, int max)
    {
        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                var value = reader.Value;
                text.Append(value, 0, Math.Min(value.Length, Math.Max(0, max - text.Length)));
            }
        }
    }

    /// <summary>Excel writes a character XML cannot hold as <c>_x000D_</c>; this reads it back.</summary>
    internal static string Unescape(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                result.Append((char)code);
                i += 6;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    /// <summary>Reads a part through <paramref name="read"/>, turning any failure into the one error it is reported as.</summary>
    private void Read(string part, bool required, Action<XmlReader> read)
    {
        try
        {
            using var reader = OpenPart(part);
            if (reader is null)
            {
                if (required)
                {
                    throw new InputRefusedException($"{Refused}it has no {Shown.Of(part)}");
                }

                return;
            }

            read(reader);
        }
        catch (Exception ex) when (XlsxSheet.IsDamage(ex))
        {
            throw Fault(part, ex);
        }
    }
}
