namespace CspAlerts.Evaluation;

/// <summary>Something about a run's figures a reader must be told: too little history, a missing population, revised data.</summary>
/// <param name="Kind">A stable slug, e.g. <c>insufficient-history</c>, <c>missing-population</c>, <c>revisions</c>, <c>missing-month</c> or <c>street-rows-uncounted</c>.</param>
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
    public const string PopulationBasis = "population-basis";

    public override string ToString() => Message;
}
