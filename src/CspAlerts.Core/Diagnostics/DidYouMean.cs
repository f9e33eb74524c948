namespace CspAlerts.Diagnostics;

/// <summary>
/// Suggests the known name a mistyped one was probably meant to be, by edit distance ignoring case,
/// so that an error can end "; did you mean 'changePct'?".
/// </summary>
public static class DidYouMean
{
    /// <summary>The closest known name, or null when none is close enough to be a likely typo.</summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(known);
        if (name.Length == 0 || name.Length > 100)
        {
            return null;
        }

        var most = Math.Max(1, Math.Min(3, name.Length / 3));
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known.Distinct(StringComparer.Ordinal))
        {
            if (candidate.Length > 100 || Math.Abs(candidate.Length - name.Length) > most)
            {
                continue;
            }

            var distance = Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance && distance <= most)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best is not null && !best.Equals(name, StringComparison.Ordinal) ? best : null;
    }

    /// <summary>"; did you mean 'x'?" for the closest known name, or empty.</summary>
    public static string Hint(string name, IEnumerable<string> known) =>
        Closest(name, known) is { } closest ? $"; did you mean '{closest}'?" : string.Empty;

    /// <summary>The optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
