using System.Globalization;
using System.Linq.Expressions;
using CspAlerts.Model;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace CspAlerts.Rules;

/// <summary>
/// Works out, from a rule's condition and one fact, what would flip the rule: for a rule that fired,
/// what would clear it ("clears when the change falls to London's +21.0% or below", "clears at rank
/// 24 of 32 or better"); for one that did not, what would make it fire. The condition is read as
/// its expression tree: and/or/not, the ternary, comparisons of one measure with a figure or another
/// measure, and the polarity helpers. Where a condition cannot be solved for one figure it says so.
/// The alert emails and the <c>explain</c> command show this same text.
/// </summary>
public static class Threshold
{
    /// <summary>The sentence a reader sees when no single figure decides the rule.</summary>
    public const string Unsolvable = "no single figure decides it: see the condition";

    private const string Never = "\u0000never";

    /// <summary>What would clear a rule that holds for the fact, or make fire one that does not.</summary>
    public static string Explain(CompiledRule rule, RuleFact fact)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(fact);
        var holds = rule.Holds(fact);
        if (Parsed.GetValue(rule, Parse) is not { Body: { } body, Parameter: { } parameter })
        {
            return Unsolvable;
        }

        var text = new Solver(fact, parameter).Flip(body, want: !holds);
        if (text == Never)
        {
            return "never clears: the condition holds for every month the rule applies to";
        }

        var verb = holds ? "clears" : "fires";
        var months = rule.Definition.For > 1 ? $" ({rule.Definition.For} months in a row are needed to fire)" : string.Empty;
        return text is null ? Unsolvable : $"{verb} {text}{months}";
    }

    /// <summary>The condition's expression tree and its parameter, parsed once per rule; nulls when it cannot be parsed again.</summary>
    internal static (Expression? Body, ParameterExpression? Parameter) Tree(CompiledRule rule)
    {
        var parsed = Parsed.GetValue(rule, Parse);
        return (parsed.Body, parsed.Parameter);
    }

    // Each rule's condition is parsed once, the first time it is explained.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CompiledRule, ParsedCondition> Parsed = [];

    private static ParsedCondition Parse(CompiledRule rule)
    {
        var parameter = Expression.Parameter(typeof(RuleFact), "fact");
        try
        {
            var parser = new RuleExpressionParser(new ReSettings { CustomTypes = [typeof(RuleFact)], IsExpressionCaseSensitive = false });
            var parsed = parser.Parse(rule.Expression, [parameter], typeof(bool));
            return new ParsedCondition(parsed is LambdaExpression l ? l.Body : parsed, parameter);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or NotSupportedException or System.Linq.Dynamic.Core.Exceptions.ParseException)
        {
            return new ParsedCondition(null, null);
        }
    }

    private sealed record ParsedCondition(Expression? Body, ParameterExpression? Parameter);

    /// <summary>Solves one condition tree against one fact.</summary>
    private sealed class Solver(RuleFact fact, ParameterExpression parameter)
    {
        /// <summary>What makes <paramref name="e"/> evaluate to <paramref name="want"/>; null when it cannot be put as figures.</summary>
        public string? Flip(Expression e, bool want)
        {
            e = Unwrap(e);
            if (Evaluate(e) is bool now && now == want)
            {
                return "as it stands";
            }

            switch (e)
            {
                case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.And } and:
                    return want
                        ? Join(Children(and, ExpressionType.AndAlso, ExpressionType.And).Where(c => Evaluate(c) is not true).Select(c => Flip(c, true)), " and ")
                        : Join(Children(and, ExpressionType.AndAlso, ExpressionType.And).Select(c => Flip(c, false)), ", or ");
                case BinaryExpression { NodeType: ExpressionType.OrElse or ExpressionType.Or } or:
                    return want
                        ? Join(Children(or, ExpressionType.OrElse, ExpressionType.Or).Select(c => Flip(c, true)), ", or ")
                        : Join(Children(or, ExpressionType.OrElse, ExpressionType.Or).Where(c => Evaluate(c) is true).Select(c => Flip(c, false)), " and ");
                case UnaryExpression { NodeType: ExpressionType.Not } not:
                    return Flip(not.Operand, !want);
                case ConditionalExpression conditional when Evaluate(conditional.Test) is bool test:
                    return Flip(test ? conditional.IfTrue : conditional.IfFalse, want);
                case BinaryExpression comparison when IsComparison(comparison.NodeType):
                    return Compare(comparison, want);
                case MethodCallExpression { Method.Name: nameof(RuleFact.Worse) } worse:
                    return WorseThan(worse, want);
                case ConstantExpression:
                    return want ? null : Never;
                default:
                    return null;
            }
        }

        private string? WorseThan(MethodCallExpression worse, bool want)
        {
            var polarity = fact.Indicator.Polarity;
            if (polarity == Polarity.Monitor || Measure(worse.Arguments[0]) is not { } m)
            {
                return null;
            }

            // Worse(a, b) is a > b when lower is better and a < b when higher is better.
            var type = polarity == Polarity.LowerIsBetter ? ExpressionType.GreaterThan : ExpressionType.LessThan;
            return Solve(m, type, worse.Arguments[1], want);
        }

        private string? Compare(BinaryExpression comparison, bool want)
        {
            var (left, right, type) = (comparison.Left, comparison.Right, comparison.NodeType);
            if (TextMeasure(left) is { } word && Evaluate(right) is string literal && type is ExpressionType.Equal or ExpressionType.NotEqual)
            {
                var now = fact.ValueOf(word) is string current ? $" (now {current})" : " (now missing)";
                return (type == ExpressionType.Equal) == want ? $"when {word.Name} is {literal}{now}" : $"when {word.Name} is no longer {literal}{now}";
            }

            if (Measure(left) is null && Measure(right) is not null)
            {
                (left, right, type) = (right, left, Mirror(type));
            }

            return Measure(left) is { } m ? Solve(m, type, right, want) : null;
        }

        /// <summary>Solves "measure (negated when <paramref name="m"/> says so) type other" for the value of the measure.</summary>
        private string? Solve((Measure Measure, bool Negated) m, ExpressionType type, Expression other, bool want)
        {
            if (UsesFact(other) && Measure(other) is null)
            {
                return null;
            }

            if (ToDouble(Evaluate(other)) is not double k)
            {
                return Measure(other) is { } o ? $"only when {Label(o.Measure)} has a figure" : null;
            }

            if (m.Negated)
            {
                (type, k) = (Mirror(type), -k);
            }

            // The relation that must hold for the condition to be `want`.
            var target = want ? type : Negate(type);
            var bound = Measure(other) is { } named ? $"{Label(named.Measure)} ({Format(named.Measure, k)})" : Format(m.Measure, k);
            if (IsQuartile(m.Measure))
            {
                return QuartileAsRank(m.Measure, target, k);
            }

            var value = Value(m.Measure);
            var now = value is double v ? $" (now {Format(m.Measure, v)})" : " (now missing)";
            var subject = Label(m.Measure);
            return target switch
            {
                ExpressionType.GreaterThan => $"when {subject} rises above {bound}{now}",
                ExpressionType.GreaterThanOrEqual => $"when {subject} rises to {bound} or above{now}",
                ExpressionType.LessThan => $"when {subject} falls below {bound}{now}",
                ExpressionType.LessThanOrEqual => $"when {subject} falls to {bound} or below{now}",
                ExpressionType.Equal => $"when {subject} is {bound}{now}",
                ExpressionType.NotEqual => $"when {subject} is no longer {bound}{now}",
                _ => null,
            };
        }

        /// <summary>A quartile threshold read as the ranks that meet it: quartile = ceil(4 × rank / size) rises with the rank.</summary>
        private string? QuartileAsRank(Measure quartile, ExpressionType target, double k)
        {
            var stem = quartile.Name[..^"Quartile".Length];
            var group = stem.EndsWith("Change", StringComparison.Ordinal) ? stem[..^"Change".Length]
                : stem.EndsWith("Rate", StringComparison.Ordinal) ? stem[..^"Rate".Length]
                : stem;
            if (fact.ValueOf(group + "Size") is not int size || size <= 0)
            {
                return null;
            }

            var ranks = Enumerable.Range(1, size).Where(r => Meets((int)Math.Ceiling(4.0 * r / size), target, k)).ToList();
            if (ranks.Count == 0)
            {
                return null;
            }

            var now = fact.ValueOf(stem + "Rank") is int current ? $" (now {current} of {size})" : string.Empty;
            var (first, last) = (ranks[0], ranks[^1]);
            return first == 1 ? $"at rank {last} of {size} or better{now}"
                : last == size ? $"at rank {first} of {size} or worse{now}"
                : $"at a rank from {first} to {last} of {size}{now}";
        }

        private static bool Meets(double x, ExpressionType type, double k) => type switch
        {
            ExpressionType.GreaterThan => x > k,
            ExpressionType.GreaterThanOrEqual => x >= k,
            ExpressionType.LessThan => x < k,
            ExpressionType.LessThanOrEqual => x <= k,
            ExpressionType.Equal => x == k,
            _ => x != k,
        };

        /// <summary>The measure an expression reads, directly or through Worsening or a minus sign; null for anything else.</summary>
        private (Measure Measure, bool Negated)? Measure(Expression e)
        {
            e = Unwrap(e);
            switch (e)
            {
                case MethodCallExpression { Method.Name: nameof(RuleFact.Number) or nameof(RuleFact.Whole), Object: ParameterExpression } call
                    when call.Arguments[0] is ConstantExpression { Value: int index }:
                    return (fact.Catalogue.All[index], false);
                case MethodCallExpression { Method.Name: nameof(RuleFact.Worsening) } worsening when Measure(worsening.Arguments[0]) is { } inner:
                    return fact.Indicator.Polarity switch
                    {
                        Polarity.LowerIsBetter => inner,
                        Polarity.HigherIsBetter => (inner.Measure, !inner.Negated),
                        _ => null,
                    };
                case UnaryExpression { NodeType: ExpressionType.Negate } minus when Measure(minus.Operand) is { } negated:
                    return (negated.Measure, !negated.Negated);
                default:
                    return null;
            }
        }

        private Measure? TextMeasure(Expression e) =>
            Unwrap(e) is MethodCallExpression { Method.Name: nameof(RuleFact.Text), Object: ParameterExpression } call && call.Arguments[0] is ConstantExpression { Value: int index }
                ? fact.Catalogue.All[index]
                : null;

        private object? Evaluate(Expression e)
        {
            try
            {
                return Expression.Lambda<Func<RuleFact, object?>>(Expression.Convert(e, typeof(object)), parameter).Compile(preferInterpretation: true)(fact);
            }
            catch (Exception ex) when (ex is ArithmeticException or InvalidOperationException or ArgumentException)
            {
                return null;
            }
        }

        private bool UsesFact(Expression e) => new FactFinder(parameter).Finds(e);

        private double? Value(Measure m) => ToDouble(fact.ValueOf(m));

        private static IEnumerable<Expression> Children(BinaryExpression e, ExpressionType a, ExpressionType b) =>
            new[] { e.Left, e.Right }.SelectMany(c => Unwrap(c) is BinaryExpression inner && (inner.NodeType == a || inner.NodeType == b) ? Children(inner, a, b) : [Unwrap(c)]);

        private static string? Join(IEnumerable<string?> parts, string separator)
        {
            var list = parts.ToList();
            return list.Count == 0 || list.Any(p => p is null) ? null : string.Join(separator, list.Distinct());
        }
    }

    private static Expression Unwrap(Expression e)
    {
        while (e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
        {
            e = convert.Operand;
        }

        return e;
    }

    private static bool IsComparison(ExpressionType t) => t is ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual
        or ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.Equal or ExpressionType.NotEqual;

    private static ExpressionType Mirror(ExpressionType t) => t switch
    {
        ExpressionType.GreaterThan => ExpressionType.LessThan,
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
        ExpressionType.LessThan => ExpressionType.GreaterThan,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
        _ => t,
    };

    private static ExpressionType Negate(ExpressionType t) => t switch
    {
        ExpressionType.GreaterThan => ExpressionType.LessThanOrEqual,
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThan,
        ExpressionType.LessThan => ExpressionType.GreaterThanOrEqual,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThan,
        ExpressionType.Equal => ExpressionType.NotEqual,
        _ => ExpressionType.Equal,
    };

    private static bool IsQuartile(Measure m) => m.Kind == MeasureKind.Whole && m.Name.EndsWith("Quartile", StringComparison.Ordinal);

    private static double? ToDouble(object? value) => value switch
    {
        double d => d,
        int i => i,
        long l => l,
        decimal m => (double)m,
        _ => null,
    };

    /// <summary>A measure as a reader would name it.</summary>
    private static string Label(Measure m) => m.Name switch
    {
        "value" => "the figure",
        "previous" => "the previous year's figure",
        "change" => "the change",
        "changePct" => "the change",
        "changeP" => "the change's p-value",
        "rate" => "the rate per 1,000",
        "londonChangePct" => "London's change",
        "londonValue" => "London's figure",
        "londonRate" => "London's rate",
        "forceChangePct" => "the force's change",
        "forceRate" => "the force's rate",
        "londonRateZ" => "the rate's z-score against London",
        "englandValue" => "England's figure",
        "ytd" => "the year to date",
        "ytdTarget" => "the year-to-date target",
        "target" => "the target",
        _ => m.Name,
    };

    private static string Format(Measure m, double v) => m.Name switch
    {
        "changePct" or "londonChangePct" or "forceChangePct" => v.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%",
        "rate" or "londonRate" or "forceRate" or "londonRateZ" => v.ToString("0.00", CultureInfo.InvariantCulture),
        "changeP" => v is > 0 and < 0.001 ? "below 0.001" : v.ToString("0.###", CultureInfo.InvariantCulture),
        _ => v.ToString("#,0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>Finds whether an expression reads the fact at all.</summary>
    private sealed class FactFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression e)
        {
            _found = false;
            Visit(e);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found |= node == parameter;
            return node;
        }
    }
}
