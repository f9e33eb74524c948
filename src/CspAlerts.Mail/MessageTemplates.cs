using System.Reflection;
using System.Text.RegularExpressions;
using CspAlerts.Diagnostics;
using CspAlerts.Notify;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;

namespace CspAlerts.Mail;

/// <summary>
/// The lead email and PMG digest templates, in Handlebars, read from <c>templates/</c> in the rules
/// folder so that an analyst can edit them; a file not there is the shipped default, built into the
/// program. Every template is checked when loaded, before anything is sent: its blocks must close,
/// every field it names must exist, and an HTML template may not write a field unescaped
/// (<c>{{{ }}}</c> or <c>{{&amp; }}</c>). In HTML every field is escaped; in the subject and plain
/// text nothing is, and the subject is then put on one line.
/// </summary>
public sealed partial class MessageTemplates : IMessageTemplates
{
    /// <summary>The template files, by name, in the order <c>validate</c> lists them.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["lead-email.subject.hbs", "lead-email.txt.hbs", "lead-email.html.hbs", "digest.subject.hbs", "digest.txt.hbs", "digest.html.hbs"];

    /// <summary>The largest template read: far above any real one.</summary>
    public const int MaxTemplateBytes = 256 * 1024;

    /// <summary>How deep blocks may nest: the shipped templates use three levels.</summary>
    public const int MaxBlockDepth = 16;

    private readonly Dictionary<string, HandlebarsTemplate<object, object>> _compiled;

    private MessageTemplates(Dictionary<string, HandlebarsTemplate<object, object>> compiled, IReadOnlyList<string> sources)
    {
        _compiled = compiled;
        Sources = sources;
    }

    /// <summary>Where each template came from, one line each: a file, or "shipped default".</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The shipped templates only, as built into the program.</summary>
    public static MessageTemplates Default() => Load(null);

    /// <summary>
    /// Reads and checks the templates in <c>templates/</c> under the rules folder (the shipped default
    /// for any not there), or only the shipped ones when <paramref name="rulesFolder"/> is null.
    /// </summary>
    /// <param name="baseDirectory">The folder a relative <paramref name="rulesFolder"/> is taken from; errors name files as given.</param>
    /// <exception cref="ConfigurationRejectedException">A template is broken: every fault, as file:line:column: message.</exception>
    public static MessageTemplates Load(string? rulesFolder, string? baseDirectory = null)
    {
        var folder = rulesFolder is null ? null : Path.Combine(rulesFolder, "templates");
        var errors = new List<ConfigError>();
        var compiled = new Dictionary<string, HandlebarsTemplate<object, object>>(StringComparer.Ordinal);
        var sources = new List<string>();
        foreach (var name in Names)
        {
            var path = folder is null ? null : Path.Combine(folder, name);
            string text;
            string shown;
            var full = path is null ? null : Path.Combine(baseDirectory ?? string.Empty, path);
            if (full is not null && File.Exists(full))
            {
                shown = path!.Replace(Path.DirectorySeparatorChar, '/');
                if (new FileInfo(full).LinkTarget is not null)
                {
                    errors.Add(new ConfigError(new SourceLocation(shown, 1, 1), "the template is a link, which is not followed; put the template itself in the folder"));
                    continue;
                }

                if (new FileInfo(full).Length > MaxTemplateBytes)
                {
                    errors.Add(new ConfigError(new SourceLocation(shown, 1, 1), $"the template is over {MaxTemplateBytes / 1024} KiB; a template lays out one email"));
                    continue;
                }

                text = File.ReadAllText(full);
                sources.Add(shown);
            }
            else
            {
                text = Shipped(name);
                shown = $"(shipped) templates/{name}";
                sources.Add($"{name}: the shipped default");
            }

            if (Check(name, text, shown, errors) is { } template)
            {
                compiled[name] = template;
            }
        }

        return errors.Count > 0 ? throw new ConfigurationRejectedException(errors) : new MessageTemplates(compiled, sources);
    }

    /// <inheritdoc />
    public RenderedMessage LeadEmail(LeadEmailModel model) =>
        new(_compiled["lead-email.subject.hbs"](model), _compiled["lead-email.txt.hbs"](model), _compiled["lead-email.html.hbs"](model));

    /// <inheritdoc />
    public RenderedMessage Digest(DigestModel model) =>
        new(_compiled["digest.subject.hbs"](model), _compiled["digest.txt.hbs"](model), _compiled["digest.html.hbs"](model));

    /// <summary>The shipped template of that name, as built into the program from <c>rules/templates/</c>.</summary>
    public static string Shipped(string name)
    {
        using var stream = typeof(MessageTemplates).Assembly.GetManifestResourceStream($"templates/{name}")
            ?? throw new InvalidOperationException($"The shipped template {name} is not built into the program.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static HandlebarsTemplate<object, object>? Check(string name, string text, string file, List<ConfigError> errors)
    {
        var before = errors.Count;
        var html = name.EndsWith(".html.hbs", StringComparison.Ordinal);
        CheckTags(text, file, html, errors);
        if (errors.Count > before)
        {
            return null;
        }

        // A strict copy checks the fields; the copy that runs leaves a field with no value empty.
        HandlebarsTemplate<object, object> strict;
        HandlebarsTemplate<object, object> template;
        try
        {
            strict = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true, NoEscape = !html }).Compile(text);
            template = Handlebars.Create(new HandlebarsConfiguration { NoEscape = !html }).Compile(text);
        }
        catch (Exception e) when (e is HandlebarsException or InvalidOperationException)
        {
            errors.Add(new ConfigError(new SourceLocation(file, 1, 1), $"the template cannot be read: {Plain(e.Message)}"));
            return null;
        }

        // Rendered once with every field filled in and every list non-empty, so that a field it names
        // that does not exist is found now, not in the middle of a run.
        try
        {
            strict(name.StartsWith("lead-email", StringComparison.Ordinal) ? SampleLeadEmail : SampleDigest);
        }
        catch (HandlebarsUndefinedBindingException e)
        {
            var field = UndefinedName().Match(e.Message).Groups["name"].Value;
            var fields = name.StartsWith("lead-email", StringComparison.Ordinal) ? LeadEmailFields : DigestFields;
            errors.Add(new ConfigError(Find(text, file, field), $"'{Echo.Of(field)}' is not a field here; the {(fields == LeadEmailFields ? "lead email" : "digest")} has {fields} (see templates/README.md)"));
            return null;
        }
        catch (HandlebarsException e)
        {
            errors.Add(new ConfigError(new SourceLocation(file, 1, 1), $"the template cannot be rendered: {Plain(e.Message)}"));
            return null;
        }

        return template;
    }

    /// <summary>Checks what Handlebars would not say where: unclosed tags, blocks that do not match, and unescaped output in HTML.</summary>
    private static void CheckTags(string text, string file, bool html, List<ConfigError> errors)
    {
        var open = new Stack<(string Name, int At)>();
        var i = 0;
        while ((i = text.IndexOf("{{", i, StringComparison.Ordinal)) >= 0)
        {
            var end = text.IndexOf("}}", i + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                errors.Add(new ConfigError(At(text, file, i), "'{{' is not closed with '}}'"));
                return;
            }

            var tag = text[(i + 2)..end].TrimStart('~').Trim();
            if (html && (text.AsSpan(i).StartsWith("{{{") || tag.StartsWith('&')))
            {
                errors.Add(new ConfigError(At(text, file, i), "an HTML template may not write a field unescaped ('{{{' or '{{&'): every figure and name must be escaped, so use '{{ }}'"));
            }
            else if (tag.StartsWith('#') || tag.StartsWith('^'))
            {
                if (open.Count == MaxBlockDepth)
                {
                    errors.Add(new ConfigError(At(text, file, i), $"blocks nest more than {MaxBlockDepth} deep here; a template lays out one email"));
                    return;
                }

                open.Push((tag[1..].Split(' ', 2)[0], i));
            }
            else if (tag.StartsWith('/'))
            {
                var closing = tag[1..].Trim();
                if (open.Count == 0 || open.Peek().Name != closing)
                {
                    var expected = open.Count == 0 ? "no block is open" : $"the open block is '{{{{#{open.Peek().Name}}}}}'";
                    errors.Add(new ConfigError(At(text, file, i), $"'{{{{/{Echo.Of(closing)}}}}}' closes a block that is not open; {expected}"));
                    return;
                }

                open.Pop();
            }

            i = end + 2;
        }

        if (open.Count > 0)
        {
            var (name, at) = open.Peek();
            errors.Add(new ConfigError(At(text, file, at), $"'{{{{#{Echo.Of(name)}}}}}' is never closed with '{{{{/{Echo.Of(name)}}}}}'"));
        }
    }

    private static SourceLocation Find(string text, string file, string field)
    {
        var match = Regex.Match(text, @"\{\{[^}]*\b" + Regex.Escape(field) + @"\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return At(text, file, match.Success ? match.Index : 0);
    }

    private static SourceLocation At(string text, string file, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var k = 0; k < index; k++)
        {
            if (text[k] == '\n')
            {
                line++;
                lineStart = k + 1;
            }
        }

        return new SourceLocation(file, line, index - lineStart + 1);
    }

    private static string Plain(string message) => Echo.Of(message.Split('\n')[0].Trim(), 200);

    private static string FieldsOf(params Type[] types) =>
        string.Join(", ", types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => $"{p.Name}"))
            .Where(p => p != "EqualityContract").Distinct(StringComparer.Ordinal));

    private static readonly string LeadEmailFields = FieldsOf(typeof(LeadEmailModel), typeof(ItemModel), typeof(RuleModel), typeof(ChartModel));

    private static readonly string DigestFields = FieldsOf(typeof(DigestModel), typeof(DigestGroupModel), typeof(DigestSectionModel), typeof(DigestEntryModel), typeof(CommentaryModel), typeof(FailureModel));

    private static readonly ItemModel SampleItem = new(1, "Burglary", "Barking and Dagenham", "RED", "#b00020", "new", "1,294", [new RuleModel("message", "It clears.")], new ChartModel("chart1@cspalerts", "chart")) { Link = "https://cspalerts.example.gov.uk/items/burglary/barking-and-dagenham" };

    private static readonly LeadEmailModel SampleLeadEmail = new("OFFICIAL", "Lead", "December 2016", "Barking and Dagenham", 1, "1 item", "1 new exception", [SampleItem], [SampleItem]);

    private static readonly DigestModel SampleDigest = new(
        "OFFICIAL",
        "December 2016",
        [new DigestGroupModel("Crime", [new DigestSectionModel("New exceptions", 1, [new DigestEntryModel("RED", "message")])], [new CommentaryModel("Burglary, Barking and Dagenham", "lead", "text")])],
        [new FailureModel("lead@example.gov.uk", "subject", "550 no such user", "2017-01-05 09:00 UTC")]);

    [GeneratedRegex("^(?<name>.+?) is undefined", RegexOptions.CultureInvariant)]
    private static partial Regex UndefinedName();
}
