using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Support;

/// <summary>The measure catalogue of the shipped peer groups, met and msg.</summary>
public static class TestMeasures
{
    public static MeasureCatalogue Standard { get; } = new(["met", "msg"]);
}
