using System.Globalization;
using System.Text.RegularExpressions;
using CspAlerts.Diagnostics;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration;

/// <summary>
/// Holds the numbers and years of a file to <see cref="ConfigurationLimits"/>, once the schema has
/// checked their types and least values. A value past a limit leaves out its item, as a schema error
/// does, so no reader ever converts a number that does not fit: <c>for: 99999999999</c> is an error
/// naming the limit, not an overflow. Values the schema refused are left to its error.
/// </summary>
internal static partial class ValueLimits
{
    /// <summary>The faults of a file of a known kind: each value past a limit, with the token it is about.</summary>
    /// <param name="schemaFaults">What the schema refused; a value it refused is not checked again.</param>
    public static List<SchemaFault> Check(ConfigDocument document, string kind, ConfigurationLimits limits, IEnumerable<SchemaFault> schemaFaults)
    {
        var check = new Checker(document, limits, schemaFaults.Select(f => f.Token).ToHashSet(ReferenceEqualityComparer.Instance));
        var root = (JObject)document.Root;
        switch (kind)
        {
            case "areas":
                foreach (var area in Items(root, "areas"))
                {
                    check.Population(area);
                }

                break;
            case "targets":
                foreach (var target in Items(root, "targets"))
                {
                    check.Target(target);
                }

                break;
            case "schedule" when root["schedule"] is JObject schedule:
                check.Schedule(schedule);
                break;
            case "rules":
                foreach (var rule in Items(root, "rules"))
                {
                    check.AtMost(rule["for"], limits.MaxRulePeriods, "'for'");
                }

                break;
        }

        return check.Faults;
    }

    private static IEnumerable<JObject> Items(JObject root, string kind) => (root[kind] as JArray ?? []).OfType<JObject>();

    [GeneratedRegex(@"\A[0-9]{4}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Year();

    [GeneratedRegex(@"\A[0-9]{4}/[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex FinancialYear();

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    private sealed class Checker(ConfigDocument document, ConfigurationLimits limits, HashSet<object?> refused)
    {
        public List<SchemaFault> Faults { get; } = [];

        public void Population(JObject area)
        {
            if (area["population"] is not JObject years)
            {
                return;
            }

            foreach (var year in years.Properties())
            {
                if (Year().IsMatch(year.Name) && !InYears(year.Name))
                {
                    Fault(year, $"'population' keys must be years from {limits.MinYear} to {limits.MaxYear}, not '{Echo.Of(year.Name)}'");
                }

                AtMost(year.Value, limits.MaxPopulation, "'population'");
            }
        }

        public void Target(JObject target)
        {
            if (target["year"] is JValue { Type: JTokenType.String } year && FinancialYear().IsMatch((string)year!) && !InYears((string)year!))
            {
                Fault(year, $"'year' must be a financial year from {FinancialYearOf(limits.MinYear)} to {FinancialYearOf(limits.MaxYear)}, not '{Echo.Of((string)year!)}'");
            }

            AtMost(target["annual"], (decimal)limits.MaxTarget, "'annual'");
            foreach (var entry in target["profile"] as JArray ?? [])
            {
                AtMost(entry, (decimal)limits.MaxTarget, "each entry of 'profile'");
            }
        }

        public void Schedule(JObject schedule)
        {
            AtMost(schedule["digestDaysBefore"], limits.MaxDigestDaysBefore, "'digestDaysBefore'");
            foreach (var meeting in schedule["pmgMeetings"] as JArray ?? [])
            {
                if (meeting is JValue { Type: JTokenType.String } date && Date().IsMatch((string)date!) && !InYears((string)date!))
                {
                    Fault(date, $"each entry of 'pmgMeetings' must be a date from {limits.MinYear}-01-01 to {limits.MaxYear}-12-31, not '{Echo.Of((string)date!)}'");
                }
            }
        }

        /// <summary>Faults a number above the limit; anything else (missing, not a number) is left alone.</summary>
        public void AtMost(JToken? token, decimal max, string name)
        {
            var above = (token as JValue)?.Value switch
            {
                long value => value > max,
                ulong value => value > max,
                decimal value => value > max,
                double value => value > (double)max,
                _ => false,
            };

            if (above)
            {
                Fault(token!, $"{name} must be at most {max.ToString(CultureInfo.InvariantCulture)}, not {document.Describe(token!)}");
            }
        }

        /// <summary>True when text that starts with four ASCII digits starts with a year within the limits.</summary>
        private bool InYears(string text)
        {
            var year = int.Parse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
            return year >= limits.MinYear && year <= limits.MaxYear;
        }

        private static string FinancialYearOf(int year) =>
            string.Create(CultureInfo.InvariantCulture, $"{year}/{(year + 1) % 100:D2}");

        private void Fault(JToken token, string message)
        {
            if (refused.Contains(token))
            {
                return;
            }

            var item = document.ItemOf(token);
            var prefix = item is null ? string.Empty : $"{document.Label(item)}: ";
            Faults.Add(new SchemaFault(new ConfigError(document.At(token), prefix + message), token));
        }
    }
}
