namespace CspAlerts.Model;

/// <summary>
/// How a peer group's id names its measures in rule conditions: the id in camel case, then the
/// measure, so group <c>msg</c> has <c>msgRank</c> and <c>msgQuartile</c>, and group
/// <c>most-similar</c> has <c>mostSimilarRank</c>.
/// </summary>
public static class PeerGroupNames
{
    /// <summary>
    /// True when an id can begin measure names: lower-case letters and digits in parts joined by
    /// single hyphens, starting with a letter, such as <c>msg</c> or <c>most-similar</c>.
    /// </summary>
    public static bool IsValidId(string groupId)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        return groupId.Length > 0
            && groupId[0] is >= 'a' and <= 'z'
            && groupId.Split('-').All(part => part.Length > 0 && part.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')));
    }

    /// <summary>
    /// The camel-case start of the group's measure names: <c>msg</c> for <c>msg</c>, <c>mostSimilar</c>
    /// for <c>most-similar</c>, <c>msg2</c> for <c>msg-2</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The id is not one <see cref="IsValidId"/> accepts.</exception>
    public static string MeasurePrefix(string groupId)
    {
        if (!IsValidId(groupId))
        {
            throw new ArgumentException(
                $"'{groupId}' is not a peer group id that can name measures: lower-case letters, digits and single hyphens, starting with a letter.",
                nameof(groupId));
        }

        var parts = groupId.Split('-');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
