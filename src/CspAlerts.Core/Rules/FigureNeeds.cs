using System.Linq.Expressions;
using CspAlerts.Model;

namespace CspAlerts.Rules;

/// <summary>
/// The measures a condition cannot be true without: a comparison with a missing figure is false, so
/// a rule whose condition compares <c>ytdTarget</c> at every turn can never fire where there is no
/// target. Read from the condition's tree: both sides of an and, what every side of an or shares,
/// what both branches of a ternary share whose test needs no figure, the figures a comparison or
/// <c>Worse</c> compares. Anything else (a not, a sum) is taken to need nothing, so the answer is never
/// more than the condition truly needs.
/// </summary>
public static class FigureNeeds
{
    /// <summary>
    /// The measures without which the rule's condition is never true for the indicator. A ternary
    /// whose test reads only the indicator's own attributes (<c>unit == "count" ? ...</c>) is read
    /// down the branch the indicator takes.
    /// </summary>
    public static IReadOnlyList<Measure> Of(CompiledRule rule, Indicator indicator, MeasureCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(catalogue);
        var (body, parameter) = Threshold.Tree(rule);
        if (body is null || parameter is null)
        {
            return [];
        }

        var blank = new Fact(indicator.Id, string.Empty, default, null, null, null, null, null, null, null, null, null, null, null, new Dictionary<string, PeerPosition>(), null, null);
        var context = new Context(catalogue, parameter, new RuleFact(blank, indicator, catalogue));
        return [.. context.Needs(body).Distinct().OrderBy(m => catalogue.IndexOf(m.Name))];
    }

    private sealed record Context(MeasureCatalogue Catalogue, ParameterExpression Parameter, RuleFact Blank)
    {
        public IEnumerable<Measure> Needs(Expression e) => FigureNeeds.Needs(e, this);

        /// <summary>The value of a test that reads only the indicator's attributes; null when it reads a figure or cannot be worked out.</summary>
        public bool? Attribute(Expression test)
        {
            var reads = new List<Measure>();
            new Finder(this, reads).Visit(test);
            if (reads.Any(m => m.JsonPath is not null))
            {
                return null;
            }

            try
            {
                return Expression.Lambda<Func<RuleFact, bool>>(test, Parameter).Compile(preferInterpretation: true)(Blank);
            }
            catch (Exception ex) when (ex is ArithmeticException or InvalidOperationException or ArgumentException)
            {
                return null;
            }
        }
    }

    /// <summary>Collects every measure an expression reads.</summary>
    private sealed class Finder(Context context, List<Measure> reads) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node is { Method.Name: nameof(RuleFact.Number) or nameof(RuleFact.Whole) or nameof(RuleFact.Text), Object: ParameterExpression }
                && node.Arguments[0] is ConstantExpression { Value: int index })
            {
                reads.Add(context.Catalogue.All[index]);
            }

            return base.VisitMethodCall(node);
        }
    }

    private static IEnumerable<Measure> Needs(Expression e, Context context)
    {
        var catalogue = context.Catalogue;
        e = Unwrap(e);
        switch (e)
        {
            case ConditionalExpression conditional when context.Attribute(conditional.Test) is bool test:
                return context.Needs(test ? conditional.IfTrue : conditional.IfFalse);
            case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.And } and:
                return context.Needs(and.Left).Union(context.Needs(and.Right));
            case BinaryExpression { NodeType: ExpressionType.OrElse or ExpressionType.Or } or:
                return context.Needs(or.Left).Intersect(context.Needs(or.Right));
            case ConditionalExpression conditional:
                return context.Needs(conditional.IfTrue).Intersect(context.Needs(conditional.IfFalse));
            case BinaryExpression { NodeType: ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual } comparison:
                return Read(comparison.Left, catalogue).Concat(Read(comparison.Right, catalogue));
            case BinaryExpression { NodeType: ExpressionType.Equal } equal when IsLiteral(equal.Right) || IsLiteral(equal.Left):
                return Read(equal.Left, catalogue).Concat(Read(equal.Right, catalogue));
            case MethodCallExpression { Method.Name: nameof(RuleFact.Worse) } worse:
                return worse.Arguments.SelectMany(a => Read(a, catalogue));
            default:
                return [];
        }
    }

    /// <summary>The measures an operand reads where any missing one makes it missing: a measure, Worsening, a sign or arithmetic.</summary>
    private static IEnumerable<Measure> Read(Expression e, MeasureCatalogue catalogue)
    {
        e = Unwrap(e);
        switch (e)
        {
            case MethodCallExpression { Method.Name: nameof(RuleFact.Number) or nameof(RuleFact.Whole) or nameof(RuleFact.Text), Object: ParameterExpression } call
                when call.Arguments[0] is ConstantExpression { Value: int index }:
                return [catalogue.All[index]];
            case MethodCallExpression { Method.Name: nameof(RuleFact.Worsening) } worsening:
                return Read(worsening.Arguments[0], catalogue);
            case UnaryExpression { NodeType: ExpressionType.Negate } minus:
                return Read(minus.Operand, catalogue);
            case BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply or ExpressionType.Divide } arithmetic:
                return Read(arithmetic.Left, catalogue).Concat(Read(arithmetic.Right, catalogue));
            default:
                return [];
        }
    }

    private static bool IsLiteral(Expression e) => Unwrap(e) is ConstantExpression { Value: not null };

    private static Expression Unwrap(Expression e)
    {
        while (e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
        {
            e = convert.Operand;
        }

        return e;
    }
}
