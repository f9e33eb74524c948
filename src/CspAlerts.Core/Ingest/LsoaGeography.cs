using System.IO.Compression;

namespace CspAlerts.Ingest;

/// <summary>
/// Where each 2011 LSOA lies: its district (LAD19) and Community Safety Partnership (CSP19), from
/// the ONS lookups of December 2019 (reference/england-wales/lsoa11-lad19-csp19.csv.gz, embedded).
/// police.uk locates every row to an LSOA; this is how a row reaches an area, by the CSP's code or
/// the district's, whichever the configuration's areas answer to.
/// </summary>
internal sealed class LsoaGeography
{
    private const string ResourceName = "lsoa11-lad19-csp19.csv.gz";

    private static readonly Lazy<LsoaGeography> Embedded = new(Load);

    private readonly Dictionary<string, (string District, string Csp)> _places;

    private LsoaGeography(Dictionary<string, (string District, string Csp)> places) => _places = places;

    /// <summary>The lookup shipped with the product: every LSOA in England and Wales (34,753).</summary>
    public static LsoaGeography EnglandAndWales => Embedded.Value;

    public int Count => _places.Count;

    /// <summary>The district and CSP codes of an LSOA, or false when the code is not a 2011 LSOA.</summary>
    public bool TryFind(string lsoa, out string district, out string csp)
    {
        var found = _places.TryGetValue(lsoa, out var place);
        (district, csp) = found ? place : (string.Empty, string.Empty);
        return found;
    }

    private static LsoaGeography Load()
    {
        using var resource = typeof(LsoaGeography).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the build");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var places = new Dictionary<string, (string, string)>(40_000, StringComparer.Ordinal);
        reader.ReadLine(); // LSOA11CD,LAD19CD,CSP19CD
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(',');
            places[parts[0]] = (parts[1], parts[2]);
        }

        return new LsoaGeography(places);
    }
}
