namespace CspAlerts.Configuration.Reading;

/// <summary>A file whose structure is valid, and the kind of configuration it holds.</summary>
internal sealed record ConfigFile(string Kind, ConfigDocument Document);
