using CspAlerts.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CspAlerts.Configuration;

/// <summary>
/// A YAML parser that stops at the first alias, and at lists and mappings nested deeper than a
/// limit, as the events stream past and before any node is built from them. An alias is refused
/// outright: a file of a few hundred bytes can nest aliases that repeat a value billions of times,
/// and the shipped configuration needs none. Deep nesting is refused before YamlDotNet, which builds
/// nodes recursively, could exhaust the stack.
/// </summary>
internal sealed class LimitedParser(IParser inner, int maxDepth) : IParser
{
    private int _depth;

    public ParsingEvent? Current => inner.Current;

    /// <summary>The first limit broken, if any; parsing stopped there with a <see cref="YamlException"/>.</summary>
    public LimitFault? Fault { get; private set; }

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case AnchorAlias alias:
                Stop(alias, $"the alias '*{Echo.Of(alias.Value.Value)}' is not allowed, as an alias can repeat its anchor's value without bound; write the value out where it is needed");
                break;
            case MappingStart or SequenceStart when ++_depth > maxDepth:
                Stop(inner.Current, $"lists and mappings nest deeper here than the limit of {maxDepth} levels");
                break;
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }

        return true;
    }

    private void Stop(ParsingEvent at, string message)
    {
        Fault = new LimitFault((int)at.Start.Line, (int)at.Start.Column, message);
        throw new YamlException(at.Start, at.End, message);
    }
}

/// <summary>Where a limit of <see cref="LimitedParser"/> was broken, and how.</summary>
internal sealed record LimitFault(int Line, int Column, string Message);
