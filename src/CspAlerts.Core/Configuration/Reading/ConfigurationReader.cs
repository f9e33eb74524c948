using CspAlerts.Model;

namespace CspAlerts.Configuration.Reading;

/// <summary>
/// Builds the configuration records from the items whose structure is valid, one kind at a time, in
/// the order their references need: areas, peer groups, owners, the partnership, indicators, then targets, the
/// schedule and rules. Each kind's reader checks its meaning and adds to the errors as it goes.
/// </summary>
internal sealed class ConfigurationReader(ReadContext context)
{
    /// <summary>Builds every record it can, adding errors as it goes. The result is only sound when no error was added.</summary>
    public CspConfiguration Read()
    {
        var areas = new AreaReader(context);
        var owners = new OwnerReader(context);
        areas.Read();
        new PeerGroupReader(context).Read();
        owners.Read();
        var partnership = new PartnershipReader(context).Read();
        new IndicatorReader(context, partnership?.DefaultLead).Read();
        areas.CheckSums();
        var ignoredLabels = areas.ReadIgnoredLabels();
        owners.CheckChair();
        var targets = new TargetReader(context).Read();
        var schedule = new ScheduleReader(context).Read();
        var rules = new RuleReader(context).Read();

        return new CspConfiguration(
            [.. context.Areas.All],
            ignoredLabels,
            [.. context.PeerGroups.All],
            [.. context.Indicators.All],
            [.. context.Owners.All],
            targets,
            schedule,
            rules)
        {
            Partnership = partnership,
            Warnings = [.. context.Warnings],
        };
    }
}
