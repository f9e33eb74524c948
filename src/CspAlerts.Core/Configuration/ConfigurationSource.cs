namespace CspAlerts.Configuration;

/// <summary>The text of one configuration file, however it was obtained: from disk, an editor or a test.</summary>
/// <param name="Name">What errors show as the file, e.g. <c>rules/rules.yaml</c>.</param>
/// <param name="Text">The YAML text.</param>
public sealed record ConfigurationSource(string Name, string Text);
