namespace CspAlerts.Model;

/// <summary>When the PMG meets, and how many days before each meeting the digest goes out.</summary>
public sealed record Schedule(IReadOnlyList<DateOnly> PmgMeetings, int DigestDaysBefore)
{
    public static Schedule Empty { get; } = new([], 7);
}
