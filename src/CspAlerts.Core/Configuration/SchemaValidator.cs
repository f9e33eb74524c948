using System.Globalization;
using CspAlerts.Diagnostics;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace CspAlerts.Configuration;

/// <summary>
/// Checks a file's structure against the embedded <c>rules.schema.json</c> and turns each NJsonSchema
/// error into a sentence of product text at the YAML node it is about.
/// </summary>
internal static class SchemaValidator
{
    private const string SlugPattern = @"^[a-z0-9]+(-[a-z0-9]+)*$(?!\n)";

    /// <summary>Objects whose keys are data (years, area ids), not names of settings; errors name the object instead.</summary>
    private static readonly HashSet<string> KeyedByData = new(StringComparer.Ordinal) { "population", "perArea" };

    /// <summary>What each pattern in the schema asks for, in words.</summary>
    private static readonly Dictionary<string, string> PatternWords = new(StringComparer.Ordinal)
    {
        [SlugPattern] = "a lower-case slug such as residential-burglary",
        [@"^[0-9]{4}/[0-9]{2}$(?!\n)"] = "a financial year such as 2016/17",
        [@"^[0-9]{4}$(?!\n)"] = "years such as 2016",
        [@"^[A-Z][0-9]{8}$(?!\n)"] = "an ONS code such as E09000002",
        [@"^[!-?A-~]+@[!-?A-~]+\.[!-?A-~]+$(?!\n)"] = "an email address",
        [@"^[0-9]{4}-(0[1-9]|1[0-2])$(?!\n)"] = "a month such as 2016-12",
        [@"^[0-9]+(\.[0-9]+)? x [0-9]+$(?!\n)"] = "a figure, or 'figure x months' such as '120 x 12'",
    };

    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    /// <summary>The text of the embedded <c>rules.schema.json</c>.</summary>
    public static string SchemaText
    {
        get
        {
            using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("rules.schema.json")
                ?? throw new InvalidOperationException("rules.schema.json is not embedded in CspAlerts.Core.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Validates a document, returning its errors (none when the structure is right).</summary>
    public static List<ConfigError> Validate(ConfigDocument document) => Check(document).Select(f => f.Error).ToList();

    /// <summary>Validates a document, returning each error with the token it is about, so that the item at fault can be left out.</summary>
    public static List<SchemaFault> Check(ConfigDocument document)
    {
        var raw = new List<ValidationError>();
        Flatten(Schema.Value.Validate(document.Root), raw);

        // One error per value: a value of the wrong type also fails its enum or pattern; the enum says more.
        var faults = new List<SchemaFault>();
        var seen = new HashSet<JToken>(ReferenceEqualityComparer.Instance);

        // A value that is not a mapping at all is that one error, not also every key it lacks.
        var notMappings = new HashSet<JToken>(
            raw.Where(e => e.Kind == ValidationErrorKind.ObjectExpected && e.Token is not null).Select(e => e.Token!),
            ReferenceEqualityComparer.Instance);
        foreach (var error in raw.OrderBy(e => e.Kind == ValidationErrorKind.NotInEnumeration ? 0 : 1))
        {
            var token = error.Token ?? document.Root;
            if (error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf && notMappings.Contains(token))
            {
                continue;
            }

            if (IsAboutValue(error.Kind) && error.Token is not null && !seen.Add(token))
            {
                continue;
            }

            faults.Add(new SchemaFault(Translate(error, token, document), token));
        }

        return faults;
    }

    private static JsonSchema LoadSchema() => JsonSchema.FromJsonAsync(SchemaText).GetAwaiter().GetResult();

    private static void Flatten(IEnumerable<ValidationError> errors, List<ValidationError> into)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && error.Kind is ValidationErrorKind.ArrayItemNotValid
                    or ValidationErrorKind.AdditionalItemNotValid or ValidationErrorKind.AdditionalPropertiesNotValid)
            {
                Flatten(child.Errors.Values.SelectMany(e => e), into);
            }
            else
            {
                into.Add(error);
            }
        }
    }

    private static bool IsAboutValue(ValidationErrorKind kind) => kind is not (ValidationErrorKind.PropertyRequired
        or ValidationErrorKind.NoAdditionalPropertiesAllowed or ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf);

    private static ConfigError Translate(ValidationError error, JToken token, ConfigDocument document)
    {
        var item = document.ItemOf(token);
        var label = item is null ? null : document.Label(item);
        switch (error.Kind)
        {
            case ValidationErrorKind.NoAdditionalPropertiesAllowed when token is JProperty property:
                var container = (JObject)property.Parent!;
                if (NameOf(container) is { } owner && KeyedByData.Contains(owner))
                {
                    var words = PatternWords.GetValueOrDefault(error.Schema.PatternProperties.Keys.FirstOrDefault() ?? string.Empty, "known keys");
                    return new(document.At(property), Prefix(label) + $"'{owner}' keys must be {words}, not '{Echo.Of(property.Name)}'");
                }

                var known = error.Schema.ActualSchema.ActualProperties.Keys;
                return new(document.At(property), $"unknown key '{Echo.Of(property.Name)}'{Where(container, item, label)}{DidYouMean.Hint(property.Name, known)}");

            case ValidationErrorKind.PropertyRequired:
                return new(document.At(token), $"missing required key '{error.Property}'{Where(token, item, label)}");

            case ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf
                when token is JObject obj && Alternatives(error.Schema) is { } keys:
                var present = obj.Properties().Where(p => keys.Contains(p.Name, StringComparer.Ordinal)).ToList();
                var either = string.Join(" or ", keys.Select(k => $"'{k}'"));
                return present.Count < 2
                    ? new(document.At(obj), $"missing required key {either}{Where(obj, item, label)}")
                    : new(document.At(present[1]), Prefix(label) + $"give {either}, not both");

            default:
                return new(document.At(token), Prefix(label) + $"{ValueName(token)} {Requirement(error, token, document)}");
        }
    }

    /// <summary>The keys of a oneOf/anyOf whose branches only require one key each, e.g. annual or profile.</summary>
    private static List<string>? Alternatives(JsonSchema schema)
    {
        var branches = schema.OneOf.Count > 0 ? schema.OneOf : schema.AnyOf;
        return branches.Count > 0 && branches.All(b => b.RequiredProperties.Count == 1 && b.Properties.Count == 0)
            ? branches.Select(b => b.RequiredProperties.Single()).ToList()
            : null;
    }

    private static string Requirement(ValidationError error, JToken token, ConfigDocument document)
    {
        var actual = document.Describe(token);
        var schema = error.Schema;
        return error.Kind switch
        {
            ValidationErrorKind.NotInEnumeration =>
                $"must be one of {string.Join(", ", schema.Enumeration.Select(v => v?.ToString()))}, not {actual}",
            ValidationErrorKind.StringExpected when schema.Pattern is { } pattern && PatternWords.TryGetValue(pattern, out var words) =>
                $"must be {words}, not {actual}",
            ValidationErrorKind.StringExpected when document.IsFlowMapping(token) =>
                $"must be a string, not {actual}; text that starts with '{{' must be quoted, e.g. \"{{indicatorName}} is ...\"",
            ValidationErrorKind.StringExpected => document.IsTypedPlainScalar(token)
                ? $"must be a string, not {actual}; quote it to make it a string"
                : $"must be a string, not {actual}",
            ValidationErrorKind.IntegerExpected => $"must be a whole number, not {actual}",
            ValidationErrorKind.NumberExpected => $"must be a number, not {actual}",
            ValidationErrorKind.BooleanExpected => $"must be true or false, not {actual}",
            ValidationErrorKind.ArrayExpected => $"must be a list, not {actual}",
            ValidationErrorKind.ObjectExpected => $"must be a mapping, not {actual}",
            ValidationErrorKind.PatternMismatch =>
                $"must be {PatternWords.GetValueOrDefault(schema.Pattern ?? string.Empty, $"text matching {schema.Pattern}")}, not {actual}",
            ValidationErrorKind.DateExpected => $"must be a date such as 2017-03-01, not {actual}",
            ValidationErrorKind.StringTooShort => "must not be empty",
            ValidationErrorKind.NumberTooSmall => $"must be {(schema.IsExclusiveMinimum ? "more than" : "at least")} {Format(schema.Minimum)}, not {actual}",
            ValidationErrorKind.NumberTooBig => $"must be {(schema.IsExclusiveMaximum ? "less than" : "at most")} {Format(schema.Maximum)}, not {actual}",
            ValidationErrorKind.TooManyItems => $"must have at most {Format(schema.MaxItems)} entries, not {((JArray)token).Count}",
            ValidationErrorKind.TooFewItems => schema.MinItems == 1
                ? "must not be an empty list"
                : $"must have at least {Format(schema.MinItems)} entries, not {((JArray)token).Count}",
            ValidationErrorKind.ItemsNotUnique => "must not repeat an entry",
            _ => $"is not valid ({error.Kind})",
        };
    }

    private static string Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Prefix(string? label) => label is null ? string.Empty : $"{label}: ";

    /// <summary>Where a key is missing or unknown: <c> in rule 'x'</c>, or <c> under 'appliesTo' in rule 'x'</c> when nested.</summary>
    private static string Where(JToken container, JObject? item, string? label)
    {
        if (label is null)
        {
            return NameOf(container) is { } top ? $" under '{top}'" : string.Empty;
        }

        return ReferenceEquals(container, item) ? $" in {label}" : $" under '{NameOf(container)}' in {label}";
    }

    /// <summary>How an error names a value: <c>'polarity'</c>, or <c>each entry of 'strategies'</c> for a list item.</summary>
    private static string ValueName(JToken token) => token.Parent switch
    {
        JArray array => $"each entry of '{NameOf(array)}'",
        _ => $"'{NameOf(token)}'",
    };

    /// <summary>The name of the key a value sits under, skipping list positions and data keys such as years.</summary>
    private static string? NameOf(JToken token)
    {
        for (JToken? t = token; t is not null; t = t.Parent)
        {
            if (t is JProperty property)
            {
                return property.Parent?.Parent is JProperty outer && KeyedByData.Contains(outer.Name) ? outer.Name : property.Name;
            }
        }

        return null;
    }
}

/// <summary>A schema error, and the token of the document it is about.</summary>
internal sealed record SchemaFault(ConfigError Error, JToken Token);
