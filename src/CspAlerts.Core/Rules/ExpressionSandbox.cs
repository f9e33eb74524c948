using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using CspAlerts.Diagnostics;

namespace CspAlerts.Rules;

/// <summary>The outcome of checking one rule condition.</summary>
/// <param name="Rewritten">The condition with measures and helpers bound to the fact parameter; null when it was refused.</param>
/// <param name="Errors">Every problem found, in order of offset.</param>
internal sealed record SandboxResult(string? Rewritten, IReadOnlyList<SandboxError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>Each name the rewrite replaced: where it was in the analyst's text and where its replacement is.</summary>
    internal IReadOnlyList<(int Original, int OriginalLength, int Rewritten, int RewrittenLength)> Replacements { get; init; } = [];

    /// <summary>Where each division operator (<c>/</c> or <c>%</c>) is in the analyst's text, in order.</summary>
    internal IReadOnlyList<(int Offset, string Operator)> Divisions { get; init; } = [];

    /// <summary>Maps a position in <see cref="Rewritten"/> back to the analyst's text, for error columns.</summary>
    public int OriginalOffset(int position)
    {
        var shift = 0;
        foreach (var r in Replacements)
        {
            if (position < r.Rewritten)
            {
                break;
            }

            if (position < r.Rewritten + r.RewrittenLength)
            {
                return r.Original; // inside a replacement: point at the name as written
            }

            shift = (r.Original + r.OriginalLength) - (r.Rewritten + r.RewrittenLength);
        }

        return position + shift;
    }
}

/// <summary>One reason a rule condition was refused.</summary>
/// <param name="Offset">The 0-based character index into the condition as written.</param>
internal sealed record SandboxError(int Offset, string Message);

/// <summary>
/// Refuses any rule condition that could reach beyond the fact. RulesEngine compiles whatever
/// System.Linq.Dynamic.Core accepts, including <c>fact.GetType().Assembly</c>, so conditions are checked
/// here first against an allowlist of tokens: literals, a few keywords, operators, the fact's measures
/// and its helper methods. On success the condition is rewritten so that those names are read from the
/// fact parameter.
/// </summary>
/// <remarks>
/// Before anything else the condition is held to the <see cref="RuleLimits"/>: its length, how deep its
/// parentheses nest, how many operators it has and how long its strings are. The parser and compiler
/// behind RulesEngine recurse once per level of nesting and per operator, so a condition past these
/// limits could exhaust the stack; the checks here are a single loop over the text.
/// </remarks>
internal sealed class ExpressionSandbox
{
    private static readonly FrozenSet<string> Keywords =
        new[] { "true", "false", "null", "and", "or", "not", "iif" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Keywords Linq.Dynamic reads as operators, counted against the limit with the symbols.
    private static readonly FrozenSet<string> WordOperators =
        new[] { "and", "or", "not" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Linq.Dynamic keywords that create objects or reach the lambda's scope (it, parent, root, np).
    private static readonly FrozenSet<string> ForbiddenWords =
        new[] { "new", "it", "is", "as", "np", "parent", "root" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Not a security boundary (every name outside the allowlist is refused anyway): these only let the
    // message say why a name an analyst might try is refused.
    private static readonly FrozenDictionary<string, string> BannedNames = Categorise(
        ("reflection",
        [
            "GetType", "typeof", "Type", "Assembly", "Activator", "MethodInfo", "PropertyInfo", "FieldInfo",
            "MemberInfo", "Invoke", "InvokeMember", "GetMethod", "GetMethods", "GetProperty", "GetProperties",
            "GetField", "GetFields", "GetMembers", "CreateInstance", "Reflection", "Emit", "DynamicMethod",
            "Delegate", "Expression", "AppDomain", "Marshal", "RuntimeHelpers", "Unsafe", "GetTypeInfo", "TypeInfo",
            "ConstructorInfo", "GetConstructor", "DynamicInvoke",
        ]),
        ("file access",
        [
            "File", "Directory", "Path", "FileInfo", "DirectoryInfo", "FileStream", "StreamReader", "StreamWriter",
            "IO", "ReadAllText", "ReadAllBytes", "WriteAllText", "OpenRead", "OpenWrite", "Delete",
        ]),
        ("environment access",
        [
            "Environment", "GetEnvironmentVariable", "SetEnvironmentVariable", "GetEnvironmentVariables",
            "AppContext", "MachineName", "UserName", "CurrentDirectory", "GetCommandLineArgs", "CommandLine",
        ]),
        ("process control", ["Process", "ProcessStartInfo", "Start", "Kill", "Exit", "FailFast", "Diagnostics"]),
        ("threading",
        [
            "Thread", "Threading", "Task", "Tasks", "ThreadPool", "Parallel", "Timer", "Sleep", "Monitor", "Mutex",
            "Semaphore", "SpinWait",
        ]),
        ("network access",
        [
            "HttpClient", "WebClient", "WebRequest", "HttpWebRequest", "Socket", "Sockets", "TcpClient", "UdpClient",
            "Dns", "Net", "Http", "Uri", "Ping",
        ]),
        ("the clock",
        [
            "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "Now", "UtcNow", "Today", "Stopwatch",
            "TimeProvider", "TickCount", "TickCount64",
        ]));

    private readonly FrozenDictionary<string, string> _measures;
    private readonly FrozenDictionary<string, string> _functions;
    private readonly string _parameterName;
    private readonly IReadOnlyDictionary<string, string> _bindings;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _allowedValues;
    private readonly RuleLimits _limits;

    /// <param name="measures">Names the fact exposes as properties, matched ignoring case.</param>
    /// <param name="functions">Helper method names the fact exposes, matched ignoring case.</param>
    /// <param name="parameterName">The name RulesEngine gives the fact in the compiled lambda.</param>
    /// <param name="bindings">What a measure is rewritten to after <c>fact.</c>, by its canonical name (default: the name itself).</param>
    /// <param name="allowedValues">For text measures with a fixed set of values, those values: a comparison with any other string is refused.</param>
    /// <param name="limits">How large a condition may be; <see cref="RuleLimits.Default"/> when null.</param>
    public ExpressionSandbox(
        IEnumerable<string> measures,
        IEnumerable<string> functions,
        string parameterName = "fact",
        IReadOnlyDictionary<string, string>? bindings = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? allowedValues = null,
        RuleLimits? limits = null)
    {
        _limits = limits ?? RuleLimits.Default;
        _bindings = bindings ?? new Dictionary<string, string>();
        _allowedValues = allowedValues ?? new Dictionary<string, IReadOnlyList<string>>();
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(parameterName);

        RequireIdentifier(parameterName, nameof(parameterName));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        _measures = Canonical(measures, parameterName, seen, nameof(measures));
        _functions = Canonical(functions, parameterName, seen, nameof(functions));
        _parameterName = parameterName;
    }

    /// <summary>Checks a condition against the allowlist and, when it passes, binds it to the fact.</summary>
    public SandboxResult Check(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);

        if (string.IsNullOrWhiteSpace(expression))
        {
            return new SandboxResult(null, [new SandboxError(0, "the condition is empty")]);
        }

        var tokens = ExpressionTokenizer.Tokenize(expression);
        var limitErrors = CheckLimits(expression, tokens);
        if (limitErrors.Count > 0)
        {
            // Nothing past a limit is looked at further: the other errors could be as many as its tokens.
            return new SandboxResult(null, limitErrors);
        }

        var errors = new List<SandboxError>();
        var openParens = new Stack<int>();
        var openBrackets = 0;

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var next = i + 1 < tokens.Count ? tokens[i + 1] : (ExpressionToken?)null;
            switch (token.Kind)
            {
                case ExpressionTokenKind.Identifier:
                    CheckName(token, next, errors);
                    break;

                case ExpressionTokenKind.Dot:
                    if (next is { Kind: ExpressionTokenKind.Identifier } member)
                    {
                        errors.Add(BannedNames.TryGetValue(member.Text, out var category)
                            ? Banned(member, category)
                            : new SandboxError(token.Offset, $"member access is not allowed in a rule expression: '.{member.Text}'"));
                        i++; // the member has been reported; it is not a name in scope
                    }
                    else
                    {
                        errors.Add(Unexpected(token));
                    }

                    break;

                case ExpressionTokenKind.OpenBracket:
                    openBrackets++;
                    errors.Add(new SandboxError(token.Offset, "indexing is not allowed in a rule expression"));
                    break;

                case ExpressionTokenKind.CloseBracket:
                    // A matching ']' adds nothing to the error already given for its '['.
                    if (openBrackets > 0)
                    {
                        openBrackets--;
                    }
                    else
                    {
                        errors.Add(new SandboxError(token.Offset, "indexing is not allowed in a rule expression"));
                    }

                    break;

                case ExpressionTokenKind.OpenParen:
                    openParens.Push(token.Offset);
                    break;

                case ExpressionTokenKind.CloseParen:
                    if (!openParens.TryPop(out _))
                    {
                        errors.Add(Unbalanced(token.Offset));
                    }

                    break;

                case ExpressionTokenKind.Lambda:
                    errors.Add(NotAllowed(token));
                    break;

                case ExpressionTokenKind.UnterminatedString:
                    errors.Add(new SandboxError(token.Offset, "unterminated string in the condition"));
                    break;

                case ExpressionTokenKind.Unexpected:
                    errors.Add(Unexpected(token));
                    break;

                case ExpressionTokenKind.Number:
                case ExpressionTokenKind.String:
                case ExpressionTokenKind.Operator:
                case ExpressionTokenKind.Comma:
                    break;

                default:
                    throw new InvalidOperationException($"unhandled token kind {token.Kind}");
            }
        }

        errors.AddRange(openParens.Select(Unbalanced));
        CheckEnumeratedComparisons(tokens, errors);

        if (errors.Count > 0)
        {
            var ordered = errors.OrderBy(e => e.Offset).DistinctBy(e => e.Offset).ToList();
            return new SandboxResult(null, ordered);
        }

        return Rewrite(expression, tokens);
    }

    /// <summary>
    /// One error for each limit the condition goes past, at the first place it does: its length,
    /// the nesting of its parentheses, its number of operators and the length of a string in it.
    /// </summary>
    private List<SandboxError> CheckLimits(string expression, IReadOnlyList<ExpressionToken> tokens)
    {
        var errors = new List<SandboxError>();
        if (expression.Length > _limits.MaxConditionLength)
        {
            errors.Add(new SandboxError(0, Invariant(
                $"the condition is {expression.Length:N0} characters long; the limit is {_limits.MaxConditionLength:N0}")));
        }

        var depth = 0;
        var deepest = 0;
        var tooDeepAt = -1;
        var operators = 0;
        var tooManyAt = -1;
        var longStringAt = -1;
        var longStringLength = 0;
        var stringStart = -1;
        var stringLength = 0;
        var previousEnd = -1;
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case ExpressionTokenKind.OpenParen:
                    depth++;
                    if (depth > deepest)
                    {
                        deepest = depth;
                    }

                    if (depth > _limits.MaxNestingDepth && tooDeepAt < 0)
                    {
                        tooDeepAt = token.Offset;
                    }

                    break;

                case ExpressionTokenKind.CloseParen:
                    depth = Math.Max(0, depth - 1);
                    break;

                case ExpressionTokenKind.Operator or ExpressionTokenKind.Lambda:
                case ExpressionTokenKind.Identifier when WordOperators.Contains(token.Text):
                    operators++;
                    if (operators > _limits.MaxOperators && tooManyAt < 0)
                    {
                        tooManyAt = token.Offset;
                    }

                    break;

                case ExpressionTokenKind.String or ExpressionTokenKind.UnterminatedString:
                    // Linq.Dynamic reads "a""b" as one string: adjacent strings count together.
                    var length = token.Text.Length - (token.Kind == ExpressionTokenKind.String ? 2 : 1);
                    if (token.Offset == previousEnd && stringStart >= 0)
                    {
                        stringLength += length + 1;
                    }
                    else
                    {
                        (stringStart, stringLength) = (token.Offset, length);
                    }

                    if (stringLength > _limits.MaxStringLength && longStringAt < 0)
                    {
                        longStringAt = stringStart;
                    }

                    if (longStringAt == stringStart)
                    {
                        longStringLength = stringLength;
                    }

                    break;
            }

            if (token.Kind is not (ExpressionTokenKind.String or ExpressionTokenKind.UnterminatedString))
            {
                stringStart = -1;
            }

            previousEnd = token.End;
        }

        if (tooDeepAt >= 0)
        {
            errors.Add(new SandboxError(tooDeepAt, Invariant(
                $"the condition nests parentheses {deepest:N0} deep; the limit is {_limits.MaxNestingDepth:N0}")));
        }

        if (tooManyAt >= 0)
        {
            errors.Add(new SandboxError(tooManyAt, Invariant(
                $"the condition has {operators:N0} operators; the limit is {_limits.MaxOperators:N0}")));
        }

        if (longStringAt >= 0)
        {
            errors.Add(new SandboxError(longStringAt, Invariant(
                $"a string in the condition is {longStringLength:N0} characters long; the limit is {_limits.MaxStringLength:N0}")));
        }

        return [.. errors.OrderBy(e => e.Offset)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void CheckName(ExpressionToken token, ExpressionToken? next, List<SandboxError> errors)
    {
        var name = token.Text;
        var called = next is { Kind: ExpressionTokenKind.OpenParen };
        if (Keywords.Contains(name))
        {
            return;
        }

        if (ForbiddenWords.Contains(name))
        {
            errors.Add(NotAllowed(token));
        }
        else if (_measures.ContainsKey(name))
        {
            if (called)
            {
                errors.Add(new SandboxError(token.Offset, $"'{name}' is a measure, not a function"));
            }
        }
        else if (_functions.ContainsKey(name))
        {
            if (!called)
            {
                errors.Add(new SandboxError(token.Offset, $"'{name}' is a function and must be called, e.g. {name}(changePct)"));
            }
        }
        else if (BannedNames.TryGetValue(name, out var category))
        {
            errors.Add(Banned(token, category));
        }
        else
        {
            errors.Add(new SandboxError(token.Offset, $"unknown name '{name}' in the condition{DidYouMean.Hint(name, _measures.Values.Concat(_functions.Values))}"));
        }
    }

    /// <summary>
    /// A string compared with a text measure that has a fixed set of values (<c>spcVariation == "concen"</c>)
    /// could never match: refuse it, listing the values allowed.
    /// </summary>
    private void CheckEnumeratedComparisons(IReadOnlyList<ExpressionToken> tokens, List<SandboxError> errors)
    {
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i + 1] is not { Kind: ExpressionTokenKind.Operator, Text: "==" or "!=" or "=" or "<>" })
            {
                continue;
            }

            var (name, literal) = (tokens[i], tokens[i + 2]) switch
            {
                ({ Kind: ExpressionTokenKind.Identifier } n, { Kind: ExpressionTokenKind.String } l) => (n, l),
                ({ Kind: ExpressionTokenKind.String } l, { Kind: ExpressionTokenKind.Identifier } n) => (n, l),
                _ => (default(ExpressionToken?), default(ExpressionToken?)),
            };
            if (name is not { } n2 || literal is not { } l2 || !_measures.TryGetValue(n2.Text, out var canonical)
                || !_allowedValues.TryGetValue(canonical, out var allowed) || l2.Text.Length < 2)
            {
                continue;
            }

            var value = l2.Text[1..^1];
            if (!allowed.Contains(value, StringComparer.Ordinal))
            {
                errors.Add(new SandboxError(l2.Offset, $"'{value}' is not a value of {canonical}: it is one of {string.Join(", ", allowed)}"));
            }
        }
    }

    /// <summary>Binds measures and helpers to the fact; everything else, string literals included, is copied as written.</summary>
    private SandboxResult Rewrite(string expression, IReadOnlyList<ExpressionToken> tokens)
    {
        var rewritten = new StringBuilder(expression.Length + (tokens.Count * (_parameterName.Length + 1)));
        var replacements = new List<(int, int, int, int)>();
        var copied = 0;
        foreach (var token in tokens)
        {
            if (token.Kind != ExpressionTokenKind.Identifier)
            {
                continue;
            }

            if (_measures.TryGetValue(token.Text, out var canonical) || _functions.TryGetValue(token.Text, out canonical))
            {
                rewritten.Append(expression, copied, token.Offset - copied);
                var start = rewritten.Length;
                rewritten.Append(_parameterName).Append('.').Append(_bindings.GetValueOrDefault(canonical, canonical));
                replacements.Add((token.Offset, token.End - token.Offset, start, rewritten.Length - start));
                copied = token.End;
            }
        }

        var divisions = tokens
            .Where(t => t is { Kind: ExpressionTokenKind.Operator, Text: "/" or "%" })
            .Select(t => (t.Offset, t.Text))
            .ToList();
        return new SandboxResult(rewritten.Append(expression, copied, expression.Length - copied).ToString(), [])
        {
            Replacements = replacements,
            Divisions = divisions,
        };
    }

    private static SandboxError Banned(ExpressionToken name, string category) =>
        new(name.Offset, $"{category} is not allowed in a rule expression: '{name.Text}'");

    private static SandboxError NotAllowed(ExpressionToken token) =>
        new(token.Offset, $"'{token.Text}' is not allowed in a rule expression");

    private static SandboxError Unexpected(ExpressionToken token) =>
        new(token.Offset, $"unexpected character '{token.Text}' in the condition");

    private static SandboxError Unbalanced(int offset) => new(offset, "unbalanced parentheses in the condition");

    private static FrozenDictionary<string, string> Categorise(params (string Category, string[] Names)[] categories) =>
        categories
            .SelectMany(c => c.Names.Select(name => KeyValuePair.Create(name, c.Category)))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static FrozenDictionary<string, string> Canonical(
        IEnumerable<string> names, string parameterName, HashSet<string> seen, string parameter)
    {
        var canonical = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            RequireIdentifier(name, parameter);
            if (Keywords.Contains(name) || ForbiddenWords.Contains(name)
                || string.Equals(name, parameterName, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"'{name}' is reserved in rule expressions and cannot name a measure or function", parameter);
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"'{name}' is given more than once (names are matched ignoring case)", parameter);
            }

            canonical[name] = name;
        }

        return canonical.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static void RequireIdentifier(string? name, string parameter)
    {
        var tokens = name is null ? [] : ExpressionTokenizer.Tokenize(name);
        if (tokens is not [{ Kind: ExpressionTokenKind.Identifier } token] || token.Text != name)
        {
            throw new ArgumentException($"'{name}' is not a plain identifier", parameter);
        }
    }
}
