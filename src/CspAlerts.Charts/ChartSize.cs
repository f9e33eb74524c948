namespace CspAlerts.Charts;

/// <summary>
/// What every renderer shares: a size in pixels, at least a minimum so that its labels fit, and the
/// chart font, checked and made ScottPlot's default when a renderer is made.
/// </summary>
public abstract class ChartSize
{
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="minWidth">The narrowest this kind of chart can be drawn.</param>
    /// <param name="minHeight">The shortest this kind of chart can be drawn.</param>
    protected ChartSize(int width, int height, int minWidth, int minHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, minWidth);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, minHeight);
        ChartFont.Use();
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }
}
