using System.IO.Compression;
using System.Text;

namespace CspAlerts.Core.Tests.Ingest;

/// <summary>
/// Writes a workbook part by part, byte for byte as given, so a test can hand the reader XML no
/// spreadsheet program would write: a DOCTYPE, an undefined entity, a cut-off part, references
/// outside Excel's grid, a dimension claiming the whole grid, or an archive claiming gigabytes.
/// </summary>
internal static class RawXlsx
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private const string Workbook =
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
        "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

    private const string PackageRelationships =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

    private const string WorkbookRelationships =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

    /// <summary>A sheet part around the given <c>sheetData</c> content (rows), with an optional dimension.</summary>
    public static string Sheet(string rows, string? dimension = null) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\">" +
        (dimension is null ? string.Empty : $"<dimension ref=\"{dimension}\"/>") +
        $"<sheetData>{rows}</sheetData></worksheet>";

    /// <summary>A row of inline-string cells, each given as (reference, text).</summary>
    public static string Row(int number, params (string Reference, string Text)[] cells) =>
        $"<row r=\"{number}\">" + string.Concat(cells.Select(c => $"<c r=\"{c.Reference}\" t=\"inlineStr\"><is><t>{c.Text}</t></is></c>")) + "</row>";

    /// <summary>The canonical header on row 1.</summary>
    public static string Header => Row(1, ("A1", "indicator"), ("B1", "area"), ("C1", "period"), ("D1", "value"));

    /// <summary>Writes a workbook whose first sheet is <paramref name="sheetXml"/>, exactly as given.</summary>
    public static void Write(string path, string sheetXml) => Write(path, Encoding.UTF8.GetBytes(sheetXml));

    public static void Write(string path, byte[] sheet)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        Add(zip, "_rels/.rels", Encoding.UTF8.GetBytes(PackageRelationships));
        Add(zip, "xl/workbook.xml", Encoding.UTF8.GetBytes(Workbook));
        Add(zip, "xl/_rels/workbook.xml.rels", Encoding.UTF8.GetBytes(WorkbookRelationships));
        Add(zip, "xl/worksheets/sheet1.xml", sheet);
    }

    /// <summary>
    /// A zip bomb: a workbook whose sheet is <paramref name="unpacked"/> bytes of one repeated
    /// character, which deflate packs about a thousand to one.
    /// </summary>
    public static void WriteBomb(string path, long unpacked)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        Add(zip, "_rels/.rels", Encoding.UTF8.GetBytes(PackageRelationships));
        Add(zip, "xl/workbook.xml", Encoding.UTF8.GetBytes(Workbook));
        Add(zip, "xl/_rels/workbook.xml.rels", Encoding.UTF8.GetBytes(WorkbookRelationships));
        using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
        var block = new byte[1 << 20];
        Array.Fill(block, (byte)' ');
        for (long written = 0; written < unpacked; written += block.Length)
        {
            sheet.Write(block, 0, (int)Math.Min(block.Length, unpacked - written));
        }
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(content);
    }
}
