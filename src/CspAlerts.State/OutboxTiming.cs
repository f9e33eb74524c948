namespace CspAlerts.State;

/// <summary>When a claimed or failed message is due again.</summary>
internal static class OutboxTiming
{
    /// <summary>How long a claim holds a message: a sender that dies holding it leaves it due again after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many attempts a message gets before a transient failure is taken as final: with the
    /// backoff, about nine hours of trying.
    /// </summary>
    public const int MaxAttempts = 15;

    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan LongestRetry = TimeSpan.FromHours(1);

    /// <summary>The wait after a transient failure, given how many attempts the message has had, this one included: 30 s, 1 min, 2 min … at most an hour.</summary>
    public static TimeSpan Backoff(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempts);
        var delay = FirstRetry * (1L << Math.Min(attempts - 1, 20));
        return delay < LongestRetry ? delay : LongestRetry;
    }
}
