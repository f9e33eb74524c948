using System.Globalization;
using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Expressions;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using FastExpressionCompiler;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace CspAlerts.Rules;

/// <summary>One rule with its condition compiled by RulesEngine and its message parsed.</summary>
public sealed class CompiledRule
{
    private readonly Func<RuleFact, bool> _condition;

    internal CompiledRule(RuleDefinition definition, Func<RuleFact, bool> condition, MessageTemplate message)
    {
        Definition = definition;
        _condition = condition;
        Message = message;
    }

    public RuleDefinition Definition { get; }

    public MessageTemplate Message { get; }

    /// <summary>Runs the condition. A comparison with a null measure is false, never an error.</summary>
    public bool Holds(RuleFact fact) => _condition(fact);

    /// <summary>The condition as RulesEngine sees it, after the sandbox rewrote bare names to <c>fact.Name</c>.</summary>
    public string Expression { get; init; } = string.Empty;

    /// <summary>The measures the condition reads, in the order it first names them.</summary>
    public IReadOnlyList<Measure> Reads { get; init; } = [];
}

/// <summary>
/// The rule set compiled once: each condition checked by the expression sandbox, then parsed by
/// Microsoft RulesEngine's expression parser (System.Linq.Dynamic.Core) and compiled, as RulesEngine
/// does, with FastExpressionCompiler into a typed delegate that runs for every fact without boxing.
/// Valid or rejected as a whole.
/// </summary>
/// <remarks>
/// The parser and the compiler recurse once per level of nesting and per operator. The sandbox holds
/// each condition to the <see cref="RuleLimits"/> before either sees it, and the compile runs on a
/// thread of its own with a stack of <see cref="CompilerStackSize"/> bytes, many times what a condition
/// at the ceiling of every limit needs, so no condition can overflow the stack whichever thread calls.
/// </remarks>
public sealed partial class CompiledRuleSet
{
    /// <summary>The stack of the thread that parses and compiles conditions: 64 MiB, reserved, not committed.</summary>
    internal const int CompilerStackSize = 64 * 1024 * 1024;

    private const string Parameter = "fact";

    private CompiledRuleSet(IReadOnlyList<CompiledRule> rules, MeasureCatalogue measures)
    {
        Rules = rules;
        Measures = measures;
    }

    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>The measures the rules were compiled against.</summary>
    public MeasureCatalogue Measures { get; }

    /// <summary>Compiles every rule; throws <see cref="ConfigurationRejectedException"/> listing every error.</summary>
    /// <param name="limits">How large a condition and a message format may be; <see cref="RuleLimits.Default"/> when null.</param>
    public static CompiledRuleSet Compile(IReadOnlyList<RuleDefinition> definitions, MeasureCatalogue measures, RuleLimits? limits = null)
    {
        var errors = new List<ConfigError>();
        var set = Compile(definitions, measures, errors, limits);
        if (errors.Count > 0)
        {
            throw new ConfigurationRejectedException(errors);
        }

        return set;
    }

    /// <summary>Compiles every rule it can, adding an error for each one it cannot.</summary>
    /// <param name="limits">How large a condition and a message format may be; <see cref="RuleLimits.Default"/> when null.</param>
    public static CompiledRuleSet Compile(IReadOnlyList<RuleDefinition> definitions, MeasureCatalogue measures, List<ConfigError> errors, RuleLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(errors);
        limits ??= RuleLimits.Default;
        var found = new List<ConfigError>();
        var set = OnCompilerThread(() => CompileAll(definitions, measures, found, limits));
        errors.AddRange(found);
        return set;
    }

    /// <summary>Runs <paramref name="work"/> on a new thread with a stack of <see cref="CompilerStackSize"/>, passing back its result or exception.</summary>
    internal static T OnCompilerThread<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var thread = new Thread(
            () =>
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
                try
                {
                    result = work();
                }
                catch (Exception ex)
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
            },
            CompilerStackSize)
        {
            Name = "CspAlerts rule compiler",
            IsBackground = true,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private static CompiledRuleSet CompileAll(IReadOnlyList<RuleDefinition> definitions, MeasureCatalogue measures, List<ConfigError> errors, RuleLimits limits)
    {
        var sandbox = new ExpressionSandbox(
            measures.All.Select(m => m.Name),
            RuleFact.FunctionNames,
            Parameter,
            RuleFact.Bindings(measures),
            measures.All.Where(m => m.Allowed.Count > 0).ToDictionary(m => m.Name, m => m.Allowed, StringComparer.Ordinal),
            limits);
        var parser = new RuleExpressionParser(new ReSettings
        {
            CustomTypes = [typeof(RuleFact)],
            IsExpressionCaseSensitive = false,
        });
        var parameter = RuleParameter.Create(Parameter, typeof(RuleFact)).ParameterExpression;
        var rules = new List<CompiledRule>();
        foreach (var rule in definitions)
        {
            var template = MessageTemplate.TryParse(rule.Message, measures, limits, out var templateError);
            if (template is null)
            {
                errors.Add(new ConfigError(rule.MessageLocation, $"rule '{rule.Id}': {templateError}"));
            }

            var checkedExpression = sandbox.Check(rule.When);
            foreach (var error in checkedExpression.Errors)
            {
                errors.Add(new ConfigError(At(rule.WhenLocation, error.Offset), $"rule '{rule.Id}': {error.Message}{PeerGroupHint(error.Message, measures)}"));
            }

            if (!checkedExpression.IsValid || checkedExpression.Rewritten is null)
            {
                continue;
            }

            try
            {
                var body = parser.Parse(checkedExpression.Rewritten, [parameter], typeof(bool));
                var lambda = body as Expression<Func<RuleFact, bool>>
                    ?? Expression.Lambda<Func<RuleFact, bool>>(body is LambdaExpression l ? l.Body : body, parameter);
                var zeroDivisors = ZeroDivisors.In(lambda.Body, checkedExpression.Divisions);
                foreach (var (offset, op) in zeroDivisors)
                {
                    errors.Add(new ConfigError(At(rule.WhenLocation, offset), $"rule '{rule.Id}': the condition divides by zero: the divisor after '{op}' is always 0"));
                }

                if (zeroDivisors.Count > 0)
                {
                    continue;
                }

                var condition = lambda.CompileFast();
                if (template is not null)
                {
                    rules.Add(new CompiledRule(rule, condition, template)
                    {
                        Expression = checkedExpression.Rewritten,
                        Reads = BoundMeasure().Matches(checkedExpression.Rewritten)
                            .Select(m => measures.All[int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture)])
                            .Distinct()
                            .ToList(),
                    });
                }
            }
            catch (Exception ex) when (ex is ParseException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
            {
                var at = ex is ParseException parse ? At(rule.WhenLocation, checkedExpression.OriginalOffset(parse.Position)) : rule.WhenLocation;
                errors.Add(new ConfigError(at, $"rule '{rule.Id}': the condition does not compile: {Describe(ex, measures)}"));
            }
        }

        return new CompiledRuleSet(rules, measures);
    }

    /// <summary>For a name shaped like a peer measure of a group that is not configured (<c>cipfaQuartile</c>), says which groups are.</summary>
    private static string PeerGroupHint(string message, MeasureCatalogue measures)
    {
        const string Unknown = "unknown name '";
        if (!message.StartsWith(Unknown, StringComparison.Ordinal) || measures.PeerGroups.Count == 0)
        {
            return string.Empty;
        }

        var name = message[Unknown.Length..message.IndexOf('\'', Unknown.Length)];
        string[] suffixes = ["RankBasis", "ChangeRank", "ChangeQuartile", "RateRank", "RateQuartile", "Rank", "Quartile", "Size"];
        return suffixes.Any(x => name.Length > x.Length && name.EndsWith(x, StringComparison.OrdinalIgnoreCase))
            ? $"; peer measures are named after the configured peer groups: {string.Join(", ", measures.PeerGroups)} (e.g. {MeasureCatalogue.PrefixOf(measures.PeerGroups[0]) ?? "met"}Quartile)"
            : string.Empty;
    }

    private static SourceLocation At(SourceLocation start, int offset) => start with { Column = start.Column + offset };

    // Linq.Dynamic reports the rewritten expression's types and names; say it in the analyst's terms.
    private static string Describe(Exception ex, MeasureCatalogue measures)
    {
        var message = ex.Message.Replace("RuleFact", "fact", StringComparison.Ordinal)
            .Replace("fact.", string.Empty, StringComparison.Ordinal)
            .Replace("Nullable`1", "number", StringComparison.Ordinal);
        message = BoundMeasure().Replace(message, m => measures.All[int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture)].Name);
        return message.TrimEnd('.');
    }

    [GeneratedRegex(@"\b(?:Number|Whole|Text)\((\d+)\)")]
    private static partial Regex BoundMeasure();
}
