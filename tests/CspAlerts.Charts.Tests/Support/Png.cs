using System.Buffers.Binary;
using SkiaSharp;

namespace CspAlerts.Charts.Tests.Support;

/// <summary>Reads what a PNG says of itself, and its pixels through SkiaSharp.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool HasSignature(byte[] png) => png.AsSpan().StartsWith(Signature);

    /// <summary>Width and height from the IHDR chunk, which must come first.</summary>
    public static (int Width, int Height) Size(byte[] png)
    {
        Assert.True(png.Length > 33, "too short for a PNG header");
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8)));
        Assert.Equal("IHDR"u8.ToArray(), png.AsSpan(12, 4).ToArray());
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    public static SKBitmap Decode(byte[] png) =>
        SKBitmap.Decode(png) ?? throw new InvalidOperationException("SkiaSharp could not decode the PNG");

    /// <summary>Pixels in the rows [top, bottom) darker than a mid grey.</summary>
    public static int DarkPixels(SKBitmap bitmap, int top, int bottom)
    {
        var dark = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if ((0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue) < 100)
                {
                    dark++;
                }
            }
        }

        return dark;
    }

    public static int DistinctColours(SKBitmap bitmap) =>
        bitmap.Pixels.Select(c => (uint)c & 0x00FFFFFFu).Distinct().Count();

    /// <summary>Pixels close to a colour (each channel within the tolerance).</summary>
    public static int PixelsNear(SKBitmap bitmap, SKColor colour, int tolerance = 24) =>
        bitmap.Pixels.Count(c =>
            Math.Abs(c.Red - colour.Red) <= tolerance &&
            Math.Abs(c.Green - colour.Green) <= tolerance &&
            Math.Abs(c.Blue - colour.Blue) <= tolerance);

    /// <summary>Pixels in the rows [top, bottom) that differ between two images of the same size.</summary>
    public static int DifferentPixels(SKBitmap a, SKBitmap b, int top, int bottom)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        var different = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var p = a.GetPixel(x, y);
                var q = b.GetPixel(x, y);
                if (Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue) > 60)
                {
                    different++;
                }
            }
        }

        return different;
    }
}
