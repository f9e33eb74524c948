using CspAlerts.Evaluation;
using CspAlerts.Measures;

namespace CspAlerts.Core.Tests.Support;

/// <summary>Paths into the repository the tests run from, for the shipped rules and seeds.</summary>
public static class RepoFiles
{
    public static string Root { get; } = CspAlerts.Testing.RepositoryRoot.Find(AppContext.BaseDirectory);

    public static string Rules => Path.Combine(Root, "rules");

    public static string Seeds => Path.Combine(Root, "seeds");

    /// <summary>The MPS historical file the benchmarks ship: April 2010 to January 2022, every borough.</summary>
    public static string MpsHistory => Path.Combine(Root, "tests", "CspAlerts.Benchmarks", "data", "mps_borough_crime_historical_201004-202201_oldcats.csv");

    /// <summary>The shipped rules, loaded.</summary>
    public static ExceptionEngine LoadEngine() => ExceptionEngine.Load(Rules);

    /// <summary>The facts of <paramref name="data"/> (the seeds when null) under <paramref name="engine"/> (the shipped rules when null), for the partnership's areas or every area.</summary>
    public static FactTable Facts(ExceptionEngine? engine = null, string? data = null, bool everyArea = false) =>
        (engine ?? LoadEngine()).Prepare(new EvaluationRequest([data ?? Seeds]) { Areas = everyArea ? [EvaluationRequest.AllAreas] : null }).Table;
}
