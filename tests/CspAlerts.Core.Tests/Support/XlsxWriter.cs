using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CspAlerts.Core.Tests.Support;

/// <summary>Writes a one-sheet .xlsx workbook, as a partner's spreadsheet would arrive.</summary>
public static class XlsxWriter
{
    /// <summary>
    /// Writes rows of cells: a <see cref="string"/> becomes a text cell, a <see cref="double"/> a number,
    /// a <see cref="DateOnly"/> a date-formatted number (as Excel stores a typed date), null an empty cell.
    /// A null row leaves that spreadsheet row out, as Excel does for an empty row.
    /// </summary>
    public static void Write(string path, IReadOnlyList<object?[]?> rows)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();

        // Style 1 is the built-in date format 14 (d/m/yyyy), so dates read back as dates.
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellStyleFormats(new CellFormat()),
            new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));

        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r] is not { } cells)
            {
                continue;
            }

            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < cells.Length; c++)
            {
                var reference = $"{(char)('A' + c)}{r + 1}";
                switch (cells[c])
                {
                    case null:
                        break;
                    case string text:
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
                        break;
                    case double number:
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)) });
                        break;
                    case DateOnly date:
                        var serial = date.DayNumber - new DateOnly(1899, 12, 30).DayNumber;
                        row.Append(new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(serial.ToString(CultureInfo.InvariantCulture)) });
                        break;
                    default:
                        throw new ArgumentException($"cannot write a {cells[c]!.GetType().Name} cell", nameof(rows));
                }
            }

            data.Append(row);
        }

        sheetPart.Worksheet = new Worksheet(data);
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = "Data" });

        // A second sheet that must not be read: only the first sheet holds the dataset.
        var notesPart = workbookPart.AddNewPart<WorksheetPart>();
        notesPart.Worksheet = new Worksheet(new SheetData(new Row(new Cell
        {
            CellReference = "A1",
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text("notes")),
        })));
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(notesPart), SheetId = 2, Name = "Notes" });
        workbookPart.Workbook.Save();
    }
}
