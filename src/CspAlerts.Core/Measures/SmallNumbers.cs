namespace CspAlerts.Measures;

/// <summary>
/// Tests that stop a small count reading as a big change: an exact test of one year's count against
/// the year before (<c>changeP</c>) and the funnel-plot z-score of a rate against London's
/// (<c>londonRateZ</c>). Both treat a rolling twelve-month count as a Poisson count.
/// </summary>
public static class SmallNumbers
{
    private const int TableSize = 256;
    private static readonly double[] LogFactorials = BuildLogFactorials();

    /// <summary>
    /// The two-sided exact p-value that two Poisson counts (this year's <paramref name="now"/> and the
    /// previous year's <paramref name="previous"/>) come from the same rate. Given their total n, the
    /// count now is Binomial(n, ½) when the rates are equal; the p-value is twice the smaller tail,
    /// capped at 1 (for p = ½ this is the same as summing every outcome no more likely than the one
    /// seen). 1 when both are 0. Null when either is missing, negative or not a whole number.
    /// </summary>
    public static double? ChangeP(double? previous, double? now)
    {
        if (previous is not double x0 || now is not double x1 || !IsCount(x0) || !IsCount(x1))
        {
            return null;
        }

        var n = x0 + x1;
        var k = Math.Min(x0, x1);
        return Math.Min(1.0, 2.0 * LowerTailOfFairBinomial(n, k));
    }

    /// <summary>
    /// The funnel-plot z-score of an area's rate against London's: (rate − London's rate) divided by
    /// the standard deviation a Poisson count at London's rate would have in the area's population,
    /// √(London's rate per person / population), both in the same units. With rates per 1,000, that is
    /// (rate − londonRate) / √(1,000 × londonRate / population), which equals (O − E) / √E for the
    /// observed count O and the count E expected at London's rate. Positive is above London.
    /// Null when a figure is missing or London's rate or the population is not positive.
    /// </summary>
    public static double? FunnelZ(double? ratePerThousand, double? londonRatePerThousand, long? population)
    {
        if (ratePerThousand is not double rate || londonRatePerThousand is not double london || population is not long people
            || !double.IsFinite(rate) || !double.IsFinite(london) || london <= 0 || people <= 0)
        {
            return null;
        }

        return (rate - london) / Math.Sqrt(1000.0 * london / people);
    }

    private static bool IsCount(double x) => double.IsFinite(x) && x >= 0 && Math.Floor(x) == x;

    /// <summary>P(X ≤ k) for X ~ Binomial(n, ½), summed from k downwards until the terms no longer matter.</summary>
    private static double LowerTailOfFairBinomial(double n, double k)
    {
        if (k >= n / 2)
        {
            return 1.0; // Only reached with k = n/2: the doubled tail is at least 1.
        }

        // Terms relative to P(X = k): each one down is j / (n − j + 1) times the one above.
        double sum = 1, term = 1;
        for (var j = k; j > 0; j--)
        {
            term *= j / (n - j + 1);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        var logAtK = LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k) - (n * Math.Log(2));
        return Math.Min(1.0, Math.Exp(logAtK + Math.Log(sum)));
    }

    /// <summary>ln(x!) for a whole x: exact sums below 256, Stirling's series (to the x⁻⁵ term) above.</summary>
    private static double LogFactorial(double x)
    {
        if (x < TableSize)
        {
            return LogFactorials[(int)x];
        }

        var inverse = 1.0 / x;
        var inverse2 = inverse * inverse;
        return (x * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI * x))
            + (inverse * ((1.0 / 12) - (inverse2 * ((1.0 / 360) - (inverse2 / 1260)))));
    }

    private static double[] BuildLogFactorials()
    {
        var table = new double[TableSize];
        for (var i = 2; i < TableSize; i++)
        {
            table[i] = table[i - 1] + Math.Log(i);
        }

        return table;
    }
}
