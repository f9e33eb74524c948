using System.Globalization;
using System.Linq.Expressions;

namespace CspAlerts.Rules;

/// <summary>
/// Finds the divisions of a parsed condition whose divisor is always zero: <c>changePct / 0</c>,
/// <c>1 / (2 - 2)</c>, <c>history % 0</c>. With whole numbers such a condition would throw for every
/// fact, and with fractional ones it would compare an infinity, so it is refused when the rule compiles.
/// </summary>
internal sealed class ZeroDivisors : ExpressionVisitor
{
    private readonly List<BinaryExpression> _divisions = [];

    /// <summary>
    /// Each division by a constant zero, placed at its operator in the analyst's text.
    /// <paramref name="written"/> lists the <c>/</c> and <c>%</c> operators of the text in order; the
    /// divisions of the tree are visited in the order they are written, so the n-th is the n-th operator.
    /// </summary>
    public static IReadOnlyList<(int Offset, string Operator)> In(Expression body, IReadOnlyList<(int Offset, string Operator)> written)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(written);
        var finder = new ZeroDivisors();
        finder.Visit(body);
        var found = new List<(int, string)>();
        for (var i = 0; i < finder._divisions.Count; i++)
        {
            var division = finder._divisions[i];
            if (IsZero(division.Right))
            {
                found.Add(finder._divisions.Count == written.Count
                    ? written[i]
                    : (0, division.NodeType == ExpressionType.Modulo ? "%" : "/"));
            }
        }

        return found;
    }

    /// <summary>Visits left operand, operator, right operand: the order they are written in.</summary>
    protected override Expression VisitBinary(BinaryExpression node)
    {
        Visit(node.Left);
        if (node.NodeType is ExpressionType.Divide or ExpressionType.Modulo)
        {
            _divisions.Add(node);
        }

        Visit(node.Conversion);
        Visit(node.Right);
        return node;
    }

    /// <summary>True when <paramref name="divisor"/> reads nothing from the fact and comes to zero.</summary>
    private static bool IsZero(Expression divisor)
    {
        if (ReadsTheFact.In(divisor))
        {
            return false;
        }

        try
        {
            // Literals and operators only: interpreted, never emitted.
            var value = Expression.Lambda<Func<object?>>(Expression.Convert(divisor, typeof(object))).Compile(preferInterpretation: true)();
            return value is IConvertible and not (bool or string or char)
                && Convert.ToDouble(value, CultureInfo.InvariantCulture) == 0;
        }
        catch (Exception ex) when (ex is ArithmeticException or InvalidOperationException or ArgumentException or InvalidCastException)
        {
            // A divisor that itself divides by zero is reported at its own operator.
            return false;
        }
    }

    private sealed class ReadsTheFact : ExpressionVisitor
    {
        private bool _found;

        public static bool In(Expression expression)
        {
            var visitor = new ReadsTheFact();
            visitor.Visit(expression);
            return visitor._found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found = true;
            return node;
        }
    }
}
