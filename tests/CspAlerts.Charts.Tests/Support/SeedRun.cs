using CspAlerts.Evaluation;

namespace CspAlerts.Charts.Tests.Support;

/// <summary>The shipped configuration evaluated on the seed data for Barking and Dagenham, once for every test.</summary>
internal static class SeedRun
{
    public static readonly string Root = CspAlerts.Testing.RepositoryRoot.Find(AppContext.BaseDirectory);

    private static readonly Lazy<ExceptionEngine> Loaded = new(() => ExceptionEngine.Load(Path.Combine(Root, "rules")));

    private static readonly Lazy<EvaluationResult> Evaluated = new(() =>
        Engine.Evaluate(new EvaluationRequest([Path.Combine(Root, "seeds")]) { Areas = ["barking-and-dagenham"] }));

    public static ExceptionEngine Engine => Loaded.Value;

    public static EvaluationResult Result => Evaluated.Value;

    /// <summary>The theft of motor vehicle item: a count with a London series and SPC limits.</summary>
    public static Item TheftOfMotorVehicle => Result.Items.Single(i => i.Indicator.Id == "theft-of-motor-vehicle");
}
