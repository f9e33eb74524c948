using CspAlerts.Diagnostics;

namespace CspAlerts.Model;

/// <summary>
/// The partnership a configuration is for: its name, its own areas (the ones it is alerted about;
/// every other area is there for comparison only) and the lead who receives the items of an
/// indicator that names no lead.
/// </summary>
public sealed record Partnership(string Name, IReadOnlyList<string> Areas, string? DefaultLead, SourceLocation Location);
