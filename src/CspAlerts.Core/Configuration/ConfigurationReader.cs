using System.Globalization;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration;

/// <summary>
/// Builds the configuration records from files whose structure is valid, and checks their meaning:
/// unique ids, known references, one chair, leads, profiles, and what a rule may apply to.
/// </summary>
internal sealed class ConfigurationReader(
    string rulesDirectory,
    IReadOnlyList<ConfigFile> files,
    IReadOnlySet<string> completeKinds,
    List<ConfigError> errors)
{
    private readonly Dictionary<string, Area> _areas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PeerGroup> _peerGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Owner> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Indicator> _indicators = new(StringComparer.Ordinal);

    /// <summary>Builds every record, adding errors as it goes. The result is only to be used when no error was added.</summary>
    public CspConfiguration Read()
    {
        var areaItems = Unique("areas", "area");
        var groupItems = Unique("peerGroups", "peer group");
        var ownerItems = Unique("owners", "owner");
        var indicatorItems = Unique("indicators", "indicator");
        var ruleItems = Unique("rules", "rule");

        foreach (var item in areaItems)
        {
            _areas.Add(item.Id, ReadArea(item));
        }

        foreach (var item in groupItems)
        {
            _peerGroups.Add(item.Id, ReadPeerGroup(item));
        }

        foreach (var item in ownerItems)
        {
            _owners.Add(item.Id, ReadOwner(item));
        }

        foreach (var item in indicatorItems)
        {
            _indicators.Add(item.Id, ReadIndicator(item));
        }

        CheckAggregates(areaItems);
        var labels = CheckAreaLabels(areaItems);
        var ignoredLabels = ReadIgnoredLabels(labels);
        CheckChair(ownerItems);
        var targets = ReadTargets();
        var schedule = ReadSchedule();
        var rules = ruleItems.Select(ReadRule).ToList();

        return new CspConfiguration(
            [.. _areas.Values],
            ignoredLabels,
            [.. _peerGroups.Values],
            [.. _indicators.Values],
            [.. _owners.Values],
            targets,
            schedule,
            rules);
    }

    private bool Complete(string kind) => completeKinds.Contains(kind);

    private void Error(SourceLocation location, string message) => errors.Add(new ConfigError(location, message));

    /// <summary>The items of a kind across all files, in file order, keeping the first of each id and reporting the rest.</summary>
    private List<Item> Unique(string kind, string noun)
    {
        var first = new Dictionary<string, Item>(StringComparer.Ordinal);
        var items = new List<Item>();
        foreach (var item in ItemsOf(kind))
        {
            if (first.TryGetValue(item.Id, out var earlier))
            {
                Error(item.ValueAt("id"), $"duplicate {noun} id '{item.Id}' (first defined at {earlier.ValueAt("id")})");
                continue;
            }

            first.Add(item.Id, item);
            items.Add(item);
        }

        return items;
    }

    private IEnumerable<Item> ItemsOf(string kind) =>
        from file in files
        where file.Kind == kind
        from obj in ((JArray)file.Document.Root[kind]!).Cast<JObject>()
        select new Item(file.Document, obj);

    private static Area ReadArea(Item item)
    {
        var population = new Dictionary<int, long>();
        if (item.Obj["population"] is JObject years)
        {
            foreach (var year in years.Properties())
            {
                population.Add(int.Parse(year.Name, NumberStyles.None, CultureInfo.InvariantCulture), (long)year.Value);
            }
        }

        return new Area(
            item.Id,
            item.String("name"),
            item.OptionalString("onsCode"),
            item.Strings("aliases"),
            population,
            item.OptionalString("sumOf"),
            item.Location);
    }

    private PeerGroup ReadPeerGroup(Item item)
    {
        var areasKnown = Complete("areas");
        var members = new List<string>();
        if (item.Obj["members"] is JArray list)
        {
            members = ReadAreaList(item, list, areasKnown);
        }

        var perArea = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (item.Obj["perArea"] is JObject groups)
        {
            foreach (var group in groups.Properties())
            {
                if (areasKnown && !_areas.ContainsKey(group.Name))
                {
                    Error(item.Doc.At(group), $"peer group '{item.Id}' has peers for unknown area '{group.Name}'");
                }

                var peers = ReadAreaList(item, (JArray)group.Value, areasKnown);
                if (!peers.Contains(group.Name, StringComparer.Ordinal))
                {
                    Error(item.Doc.At(group), $"peer group '{item.Id}': the peers of '{group.Name}' must include '{group.Name}' itself");
                }

                perArea.Add(group.Name, peers);
            }
        }

        return new PeerGroup(item.Id, item.String("name"), members, perArea, item.Location);
    }

    private List<string> ReadAreaList(Item item, JArray list, bool areasKnown)
    {
        var ids = new List<string>();
        foreach (var token in list)
        {
            var id = (string)token!;
            if (areasKnown && !_areas.ContainsKey(id))
            {
                Error(item.Doc.At(token), $"peer group '{item.Id}' lists unknown area '{id}'");
            }
            else if (ids.Contains(id, StringComparer.Ordinal))
            {
                Error(item.Doc.At(token), $"peer group '{item.Id}' lists area '{id}' twice");
            }

            ids.Add(id);
        }

        return ids;
    }

    private static Owner ReadOwner(Item item) => new(
        item.Id,
        item.String("name"),
        item.String("role") == "chair" ? OwnerRole.Chair : OwnerRole.Lead,
        item.String("email"),
        item.Strings("groups"),
        item.Location);

    private Indicator ReadIndicator(Item item)
    {
        var group = item.String("group");
        return new Indicator(
            item.Id,
            item.String("name"),
            group,
            item.Strings("strategies"),
            ParsePolarity(item.String("polarity")),
            item.String("unit") switch
            {
                "rate" => IndicatorUnit.Rate,
                "percent" => IndicatorUnit.Percent,
                _ => IndicatorUnit.Count,
            },
            ReadLead(item, group),
            item.Strings("tags"),
            ReadSources(item.Obj["sources"] as JObject),
            item.Location);
    }

    /// <summary>The indicator's lead: its own <c>lead</c>, or else the one lead whose <c>groups</c> holds its group.</summary>
    private string ReadLead(Item item, string group)
    {
        if (!Complete("owners"))
        {
            return item.OptionalString("lead") ?? string.Empty;
        }

        if (item.OptionalString("lead") is { } lead)
        {
            if (!_owners.TryGetValue(lead, out var owner))
            {
                Error(item.ValueAt("lead"), $"indicator '{item.Id}' has unknown lead '{lead}'");
            }
            else if (owner.Role != OwnerRole.Lead)
            {
                Error(item.ValueAt("lead"), $"indicator '{item.Id}' has lead '{lead}', whose role is chair, not lead");
            }

            return lead;
        }

        var candidates = _owners.Values.Where(o => o.Role == OwnerRole.Lead && o.Groups.Contains(group, StringComparer.Ordinal)).ToList();
        switch (candidates.Count)
        {
            case 1:
                return candidates[0].Id;
            case 0:
                Error(item.Location, $"indicator '{item.Id}' has no lead, and no lead answers for group '{group}'; give it a 'lead'");
                return string.Empty;
            default:
                var names = string.Join(" and ", candidates.Select(o => $"'{o.Id}'"));
                Error(item.Location, $"indicator '{item.Id}' has no lead, and leads {names} all answer for group '{group}'; give it a 'lead'");
                return string.Empty;
        }
    }

    private static IndicatorSources ReadSources(JObject? sources)
    {
        if (sources is null)
        {
            return IndicatorSources.None;
        }

        var mps = sources["mps"] as JObject;
        return new IndicatorSources(
            ReadCategories(mps?["old"]),
            ReadCategories(mps?["new"]),
            sources["lfb"] is JArray lfb ? lfb.Select(t => (string)t!).ToList() : []);

        static List<MpsCategory> ReadCategories(JToken? list) => list is JArray categories
            ? categories.Cast<JObject>()
                .Select(c => new MpsCategory(
                    (string)c["major"]!,
                    c["minor"] is JArray minors ? minors.Select(m => (string)m!).ToList() : null))
                .ToList()
            : [];
    }

    private void CheckAggregates(List<Item> areaItems)
    {
        if (!Complete("peerGroups"))
        {
            return;
        }

        foreach (var item in areaItems)
        {
            if (item.OptionalString("sumOf") is not { } groupId)
            {
                continue;
            }

            if (!_peerGroups.TryGetValue(groupId, out var group))
            {
                Error(item.ValueAt("sumOf"), $"area '{item.Id}' sums unknown peer group '{groupId}'");
            }
            else if (group.IsPerArea)
            {
                Error(item.ValueAt("sumOf"), $"area '{item.Id}' sums peer group '{groupId}', which has no 'members' list to sum");
            }
            else if (group.Members.Contains(item.Id, StringComparer.Ordinal))
            {
                Error(item.ValueAt("sumOf"), $"area '{item.Id}' sums peer group '{groupId}', which lists '{item.Id}' itself");
            }
        }
    }

    /// <summary>
    /// Two areas must not answer to the same label, or a source row could go to either. Returns the
    /// area each label key names.
    /// </summary>
    private Dictionary<string, string> CheckAreaLabels(List<Item> areaItems)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in areaItems)
        {
            var labels = new List<JToken> { item.Obj["id"]!, item.Obj["name"]! };
            labels.AddRange(item.Obj["aliases"] as JArray ?? []);
            if (item.Obj["onsCode"] is { } ons)
            {
                labels.Add(ons);
            }

            foreach (var label in labels)
            {
                var key = AreaNameDirectory.Key((string)label!);
                if (named.TryGetValue(key, out var other) && other != item.Id)
                {
                    Error(item.Doc.At(label), $"area '{item.Id}' has label '{label}', which already names area '{other}'");
                }

                named.TryAdd(key, item.Id);
            }
        }

        return named;
    }

    private List<string> ReadIgnoredLabels(Dictionary<string, string> areaLabels)
    {
        var labels = new List<string>();
        foreach (var file in files.Where(f => f.Kind == "areas"))
        {
            if (file.Document.Root["ignoredLabels"] is not JArray list)
            {
                continue;
            }

            foreach (var token in list)
            {
                var label = (string)token!;
                if (areaLabels.TryGetValue(AreaNameDirectory.Key(label), out var area))
                {
                    Error(file.Document.At(token), $"ignored label '{label}' names area '{area}'");
                }

                labels.Add(label);
            }
        }

        return labels;
    }

    private void CheckChair(List<Item> ownerItems)
    {
        if (!Complete("owners"))
        {
            return;
        }

        var chairs = ownerItems.Where(i => i.String("role") == "chair").ToList();
        foreach (var extra in chairs.Skip(1))
        {
            Error(
                extra.ValueAt("role"),
                $"owner '{extra.Id}' has role chair, but owner '{chairs[0].Id}' is already the chair ({chairs[0].ValueAt("role")}); there must be exactly one chair");
        }

        if (chairs.Count == 0)
        {
            var file = files.FirstOrDefault(f => f.Kind == "owners");
            var location = file is null
                ? new SourceLocation(rulesDirectory.Replace(Path.DirectorySeparatorChar, '/'), 1, 1)
                : file.Document.At(((JObject)file.Document.Root).Property("owners", StringComparison.Ordinal)!);
            Error(location, "no owner has role chair; there must be exactly one chair");
        }
    }

    private List<Target> ReadTargets()
    {
        var targets = new List<Target>();
        var first = new Dictionary<(string, string, int), SourceLocation>();
        foreach (var item in ItemsOf("targets"))
        {
            var label = item.Doc.Label(item.Obj);
            var indicator = item.String("indicator");
            var area = item.String("area");
            if (Complete("indicators") && !_indicators.ContainsKey(indicator))
            {
                Error(item.ValueAt("indicator"), $"target for unknown indicator '{indicator}'");
            }

            if (Complete("areas") && !_areas.ContainsKey(area))
            {
                Error(item.ValueAt("area"), $"target for unknown area '{area}'");
            }

            var yearText = item.String("year");
            var year = int.Parse(yearText.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
            var next = int.Parse(yearText.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            if (next != (year + 1) % 100)
            {
                Error(item.ValueAt("year"), $"{label}: year '{yearText}' must be two consecutive years, such as 2016/17");
            }
            else if (first.TryGetValue((indicator, area, year), out var earlier))
            {
                Error(item.ValueAt("year"), $"duplicate {label} in {yearText} (first defined at {earlier})");
            }
            else
            {
                first.Add((indicator, area, year), item.ValueAt("year"));
            }

            List<double>? profile = null;
            if (item.Obj["profile"] is JArray entries)
            {
                profile = entries.Select(e => (double)e).ToList();
                for (var i = 1; i < profile.Count; i++)
                {
                    if (profile[i] < profile[i - 1])
                    {
                        Error(
                            item.Doc.At(entries[i]),
                            $"{label}: the profile falls from {item.Doc.Describe(entries[i - 1])} to {item.Doc.Describe(entries[i])}; a cumulative profile never falls");
                        break;
                    }
                }
            }

            var annual = item.Obj["annual"] is { } value ? (double?)(double)value : null;
            targets.Add(new Target(indicator, area, year, annual, profile, item.Doc.At(item.Obj)));
        }

        return targets;
    }

    private Schedule ReadSchedule()
    {
        var scheduleFiles = files.Where(f => f.Kind == "schedule").ToList();
        if (scheduleFiles.Count == 0)
        {
            return Schedule.Empty;
        }

        var root = (JObject)scheduleFiles[0].Document.Root;
        foreach (var other in scheduleFiles.Skip(1))
        {
            Error(
                other.Document.KeyAt((JObject)other.Document.Root, "schedule"),
                $"duplicate schedule (first defined at {scheduleFiles[0].Document.KeyAt(root, "schedule")})");
        }

        if (root["schedule"] is not JObject schedule)
        {
            return Schedule.Empty;
        }

        var meetings = schedule["pmgMeetings"] is JArray dates
            ? dates.Select(d => DateOnly.ParseExact((string)d!, "yyyy-MM-dd", CultureInfo.InvariantCulture)).Order().ToList()
            : [];
        var daysBefore = schedule["digestDaysBefore"] is { } days ? (int)days : Schedule.Empty.DigestDaysBefore;
        return new Schedule(meetings, daysBefore);
    }

    private RuleDefinition ReadRule(Item item)
    {
        var label = $"rule '{item.Id}'";
        var rag = item.OptionalString("rag") is { } text ? ParseRag(text) : (Rag?)null;
        var monitor = item.Obj["monitor"] is { } m && (bool)m;
        if (rag is not null && monitor)
        {
            var later = item.Obj.Properties().Last(p => p.Name is "rag" or "monitor");
            Error(item.Doc.At(later), $"{label}: give 'rag' or 'monitor: true', not both");
        }
        else if (rag is null && !monitor)
        {
            Error(item.Doc.At(item.Obj), $"missing required key 'rag' or 'monitor: true' in {label}");
        }

        var selector = ReadSelector(item, label, ragRule: rag is not null && !monitor);
        return new RuleDefinition(
            item.Id,
            item.String("description"),
            selector,
            item.String("when"),
            monitor ? null : rag,
            monitor,
            item.Obj["escalate"] is { } escalate && (bool)escalate,
            item.String("message"),
            item.Obj["for"] is { } periods ? (int)periods : 1,
            item.Location,
            item.Doc.TextAt(item.Obj["when"]!))
        {
            MessageLocation = item.Doc.TextAt(item.Obj["message"]!),
        };
    }

    private RuleSelector ReadSelector(Item item, string label, bool ragRule)
    {
        if (item.Obj["appliesTo"] is not JObject appliesTo)
        {
            return RuleSelector.Default;
        }

        var indicators = appliesTo["indicators"] as JArray ?? [];
        var polarities = appliesTo["polarity"] as JArray ?? [];
        var tags = appliesTo["tags"] as JArray ?? [];
        if (Complete("indicators"))
        {
            foreach (var token in indicators.Where(t => !_indicators.ContainsKey((string)t!)))
            {
                Error(item.Doc.At(token), $"{label}: appliesTo names unknown indicator '{token}'");
            }

            foreach (var token in tags.Where(t => !_indicators.Values.Any(i => i.Tags.Contains((string)t!, StringComparer.Ordinal))))
            {
                Error(item.Doc.At(token), $"{label}: appliesTo names tag '{token}', which no indicator has");
            }
        }

        // A RAG rule may not name monitor indicators: they are never RAG rated (SPEC §6).
        var monitorChoice = polarities.FirstOrDefault(t => (string)t! == "monitor")
            ?? indicators.FirstOrDefault(t => _indicators.TryGetValue((string)t!, out var i) && i.IsMonitor);
        if (ragRule && monitorChoice is not null)
        {
            Error(
                item.Doc.At(monitorChoice),
                $"{label}: a RAG rule cannot apply to monitor indicators, which are never RAG rated; use 'monitor: true'");
        }

        return new RuleSelector(
            indicators.Select(t => (string)t!).ToList(),
            (appliesTo["groups"] as JArray ?? []).Select(t => (string)t!).ToList(),
            polarities.Select(t => ParsePolarity((string)t!)).ToList(),
            tags.Select(t => (string)t!).ToList());
    }

    private static Polarity ParsePolarity(string text) => text switch
    {
        "higher-is-better" => Polarity.HigherIsBetter,
        "monitor" => Polarity.Monitor,
        _ => Polarity.LowerIsBetter,
    };

    private static Rag ParseRag(string text) => text switch
    {
        "amber" => Rag.Amber,
        "green" => Rag.Green,
        _ => Rag.Red,
    };

    /// <summary>A list item of a valid file (an area, a rule, ...), with the document it came from.</summary>
    private sealed record Item(ConfigDocument Doc, JObject Obj)
    {
        /// <summary>The item's id; empty for items without one (targets).</summary>
        public string Id => Obj["id"] is JValue { Type: JTokenType.String } id ? (string)id! : string.Empty;

        /// <summary>Where the item is defined: its <c>id</c> key, or the start of the list item.</summary>
        public SourceLocation Location => Doc.KeyAt(Obj, "id");

        public SourceLocation ValueAt(string key) => Doc.ValueAt(Obj, key);

        public string String(string key) => (string)Obj[key]!;

        public string? OptionalString(string key) => (string?)Obj[key];

        public List<string> Strings(string key) => Obj[key] is JArray list ? list.Select(t => (string)t!).ToList() : [];
    }
}
