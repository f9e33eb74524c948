using CspAlerts.Diagnostics;

namespace CspAlerts.Model;

/// <summary>A strategic lead or the PMG chair, and what they own.</summary>
public sealed record Owner(
    string Id,
    string Name,
    OwnerRole Role,
    string Email,
    IReadOnlyList<string> Groups,
    SourceLocation Location);

/// <summary>The part an owner plays in the PMG.</summary>
public enum OwnerRole
{
    Lead,
    Chair,
}
