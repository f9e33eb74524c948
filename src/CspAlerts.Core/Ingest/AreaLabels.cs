using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// Resolves the area labels of one file, remembering each: long files repeat a few dozen labels
/// tens of thousands of times, and normalising a label allocates. The memory is bounded: past
/// <see cref="MaxRemembered"/> labels (a file of made-up labels, each different) the rest are
/// resolved afresh, and rows skipped under an ignored label are counted under the first spelling
/// of it, however many spellings there are.
/// </summary>
internal sealed class AreaLabels(AreaNameDirectory directory)
{
    /// <summary>Far more labels than a dataset has: 33 areas under a few spellings each, and the ignored labels.</summary>
    private const int MaxRemembered = 4_096;

    private readonly Dictionary<string, (AreaLabelKind Kind, string? Id)> _resolved = new(StringComparer.Ordinal);

    /// <summary>The first spelling seen of each ignored label, by its normalised form.</summary>
    private readonly Dictionary<string, string> _skippedAs = new(StringComparer.Ordinal);

    /// <summary>The spelling each ignored label is counted under, by the label as read.</summary>
    private readonly Dictionary<string, string> _skippedLabels = new(StringComparer.Ordinal);

    /// <summary>Rows skipped because their area label is ignored, by the label as first spelt (escaped and cut as errors show it).</summary>
    public Dictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);

    public AreaLabelKind Resolve(string label, out string? areaId)
    {
        if (!_resolved.TryGetValue(label, out var result))
        {
            string? id = null;
            var kind = label.Length == 0 ? AreaLabelKind.Unknown : directory.Resolve(label, out id);
            result = (kind, id);
            if (_resolved.Count < MaxRemembered)
            {
                _resolved.Add(label, result);
            }
        }

        areaId = result.Id;
        return result.Kind;
    }

    /// <summary>Counts a row skipped under an ignored label.</summary>
    public void Skip(string label)
    {
        if (!_skippedLabels.TryGetValue(label, out var shown))
        {
            var key = AreaNameDirectory.Key(label);
            if (!_skippedAs.TryGetValue(key, out shown))
            {
                shown = Shown.Of(label);
                _skippedAs.Add(key, shown);
            }

            if (_skippedLabels.Count < MaxRemembered)
            {
                _skippedLabels.Add(label, shown);
            }
        }

        Skipped[shown] = Skipped.GetValueOrDefault(shown) + 1;
    }
}
