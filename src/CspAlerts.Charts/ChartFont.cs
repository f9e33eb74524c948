using SkiaSharp;

namespace CspAlerts.Charts;

/// <summary>
/// The one font every chart is drawn in. Without it ScottPlot falls back to an empty typeface and
/// silently draws every label as nothing, so a missing font stops the renderer instead.
/// </summary>
public static class ChartFont
{
    /// <summary>The family every label is set in: Debian's <c>fonts-dejavu-core</c> installs it.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static bool _ready;

    /// <summary>
    /// Checks that <see cref="Family"/> is installed and makes it ScottPlot's default font. Throws
    /// <see cref="ChartFontMissingException"/> when it is not.
    /// </summary>
    public static void Use()
    {
        lock (Gate)
        {
            if (_ready)
            {
                return;
            }

            Require(Family);
            ScottPlot.Fonts.Default = Family;
            _ready = true;
        }
    }

    /// <summary>Throws <see cref="ChartFontMissingException"/> unless the family is installed and draws letters and digits.</summary>
    internal static void Require(string family)
    {
        var installed = SKFontManager.Default.FontFamilies.Contains(family, StringComparer.OrdinalIgnoreCase);
        using var typeface = installed ? SKFontManager.Default.MatchFamily(family) : null;
        if (typeface is null || !string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase) || !typeface.ContainsGlyphs("Aa0"))
        {
            throw new ChartFontMissingException(
                $"The font \"{family}\" is not installed, so trend charts cannot be drawn: without it every label would be left out. " +
                $"Install it (on Debian: apt-get install fonts-dejavu-core), or turn charts off. Fonts found: {Found()}.");
        }
    }

    private static string Found()
    {
        var families = SKFontManager.Default.FontFamilies.Where(f => !string.IsNullOrWhiteSpace(f)).Take(10).ToList();
        return families.Count == 0 ? "none" : string.Join(", ", families);
    }
}

/// <summary>The chart font is not installed: charts would be drawn with no text at all.</summary>
public sealed class ChartFontMissingException : InvalidOperationException
{
    public ChartFontMissingException(string message)
        : base(message)
    {
    }

    public ChartFontMissingException()
    {
    }

    public ChartFontMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
