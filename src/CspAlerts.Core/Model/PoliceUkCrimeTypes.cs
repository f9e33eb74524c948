namespace CspAlerts.Model;

/// <summary>
/// The fourteen crime types of police.uk street-level files (since May 2013), as the files write
/// them. An indicator's <c>policeUk</c> source names some of them; a file row with any other type is an error.
/// </summary>
public static class PoliceUkCrimeTypes
{
    /// <summary>The one type that is not a crime: <c>all-crime</c> is the sum of the others.</summary>
    public const string AntiSocialBehaviour = "Anti-social behaviour";

    /// <summary>Every type, in the order police.uk lists them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        AntiSocialBehaviour,
        "Bicycle theft",
        "Burglary",
        "Criminal damage and arson",
        "Drugs",
        "Other crime",
        "Other theft",
        "Possession of weapons",
        "Public order",
        "Robbery",
        "Shoplifting",
        "Theft from the person",
        "Vehicle crime",
        "Violence and sexual offences",
    ];

    /// <summary>The type as police.uk writes it, matched ignoring case and surrounding space; null when it is none of them.</summary>
    public static string? Find(string type)
    {
        var trimmed = type.AsSpan().Trim();
        foreach (var known in All)
        {
            if (trimmed.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }
}
