using System.Text;

namespace CspAlerts.Model;

/// <summary>The result of looking up an area label from a source file.</summary>
public enum AreaLabelKind
{
    Unknown,
    Area,

    /// <summary>A label that belongs to no area, such as the MPS airports row; its rows are skipped and counted.</summary>
    Ignored,
}

/// <summary>
/// Matches area labels to area ids, ignoring case, "&amp;" and "and", spaces and punctuation, so that
/// "Barking and dagenham", "Barking &amp; Dagenham" and "barking-and-dagenham" are one area.
/// </summary>
public sealed class AreaNameDirectory
{
    private readonly Dictionary<string, string> _byKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ignored = new(StringComparer.Ordinal);

    public AreaNameDirectory(IEnumerable<Area> areas, IEnumerable<string> ignoredLabels)
    {
        foreach (var area in areas)
        {
            foreach (var label in area.Aliases.Append(area.Id).Append(area.Name))
            {
                _byKey.TryAdd(Key(label), area.Id);
            }

            if (area.OnsCode is not null)
            {
                _byKey.TryAdd(Key(area.OnsCode), area.Id);
            }
        }

        foreach (var label in ignoredLabels)
        {
            _ignored.Add(Key(label));
        }
    }

    /// <summary>Looks a label up; <paramref name="areaId"/> is set when it names an area.</summary>
    public AreaLabelKind Resolve(string label, out string? areaId)
    {
        var key = Key(label);
        if (_byKey.TryGetValue(key, out areaId))
        {
            return AreaLabelKind.Area;
        }

        areaId = null;
        return _ignored.Contains(key) ? AreaLabelKind.Ignored : AreaLabelKind.Unknown;
    }

    /// <summary>The normalised form two labels share when they name the same area.</summary>
    public static string Key(string label)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in label)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return string.Concat(words);

        void Flush()
        {
            if (current.Length > 0 && current.ToString() != "and")
            {
                words.Add(current.ToString());
            }

            current.Clear();
        }
    }
}
