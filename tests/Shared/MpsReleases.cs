namespace CspAlerts.Testing;

/// <summary>
/// Monthly releases of the MPS borough crime file, as the Met publishes them, cut from the historical
/// file the benchmarks ship (April 2010 to January 2022): each holds the 25 months to its month.
/// </summary>
internal static class MpsReleases
{
    public const string History = "tests/CspAlerts.Benchmarks/data/mps_borough_crime_historical_201004-202201_oldcats.csv";

    /// <summary>
    /// Writes <paramref name="count"/> releases into <paramref name="folder"/>, the first for
    /// <paramref name="firstMonth"/> (YYYYMM, at least 24 months after April 2010), each named
    /// <c>mps-borough-crime-YYYYMM.csv</c>; returns their names in month order.
    /// </summary>
    public static List<string> Write(string repositoryRoot, string folder, string firstMonth, int count)
    {
        var lines = File.ReadAllLines(Path.Combine(repositoryRoot, History));
        var header = lines[0].Split(',');
        var months = header.Length - 3; // MajorText, MinorText, LookUp_BoroughName, then one column a month
        var first = Array.IndexOf(header, firstMonth) - 3;
        if (first < 24 || first + count > months)
        {
            throw new ArgumentOutOfRangeException(nameof(firstMonth), $"{count} releases from {firstMonth} need 24 months before it and {count} months from it in the file");
        }

        var names = new List<string>();
        for (var release = 0; release < count; release++)
        {
            var end = first + release;
            var keep = Enumerable.Range(end - 24, 25).ToList();
            var text = lines.Select(line =>
            {
                var fields = line.Split(',');
                var labels = string.Join(',', fields[..^months]); // the labels may hold quoted commas; the months never do
                return labels + "," + string.Join(',', keep.Select(m => fields[fields.Length - months + m]));
            });
            var name = $"mps-borough-crime-{header[3 + end]}.csv";
            File.WriteAllLines(Path.Combine(folder, name), text);
            names.Add(name);
        }

        return names;
    }
}
