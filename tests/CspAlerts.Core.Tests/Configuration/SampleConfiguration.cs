namespace CspAlerts.Core.Tests.Configuration;

/// <summary>Configuration text the loader tests share: a chair and one lead.</summary>
internal static class SampleConfiguration
{
    public const string Owners = """
        owners:
          - id: pmg-chair
            name: Chair of the Performance Monitoring Group
            role: chair
            email: pmg.chair@example.gov.uk
          - id: crime-lead
            name: Strategic lead for crime
            role: lead
            email: crime.lead@example.gov.uk
            groups: [crime]
        """;
}
