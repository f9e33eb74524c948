using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// Resolves the area labels of one file, remembering each: long files repeat a few dozen labels
/// tens of thousands of times, and normalising a label allocates.
/// </summary>
internal sealed class AreaLabels(AreaNameDirectory directory)
{
    private readonly Dictionary<string, (AreaLabelKind Kind, string? Id)> _resolved = new(StringComparer.Ordinal);

    public AreaLabelKind Resolve(string label, out string? areaId)
    {
        if (!_resolved.TryGetValue(label, out var result))
        {
            string? id = null;
            var kind = label.Length == 0 ? AreaLabelKind.Unknown : directory.Resolve(label, out id);
            result = (kind, id);
            _resolved.Add(label, result);
        }

        areaId = result.Id;
        return result.Kind;
    }
}
