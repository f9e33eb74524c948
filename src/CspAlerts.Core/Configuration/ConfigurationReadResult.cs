using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Configuration;

/// <summary>What reading the configuration found, for callers that add errors of their own before reporting.</summary>
/// <param name="Configuration">
/// Built from every item whose structure is valid (the first of each id); never null, but its lists
/// may be partial, and its records faulty, when there are errors.
/// </param>
/// <param name="Errors">Every error found, in file order (file, line, column); none when the configuration is valid.</param>
public sealed record ConfigurationReadResult(CspConfiguration Configuration, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
