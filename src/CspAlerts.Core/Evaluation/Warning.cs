namespace CspAlerts.Evaluation;

/// <summary>Something about a run's figures a reader must be told: too little history, a missing population, revised data.</summary>
/// <param name="Kind">A stable slug: <c>insufficient-history</c>, <c>missing-population</c> or <c>revisions</c>.</param>
/// <param name="Message">One sentence for people.</param>
public sealed record RunWarning(string Kind, string Message)
{
    public const string InsufficientHistory = "insufficient-history";
    public const string MissingPopulation = "missing-population";
    public const string Revisions = "revisions";
    public const string RuleError = "rule-error";
    public const string SuppliedInPlace = "supplied-in-place";
    public const string StreetRowsUncounted = "street-rows-uncounted";
    public const string MissingMonth = "missing-month";

    public override string ToString() => Message;
}
