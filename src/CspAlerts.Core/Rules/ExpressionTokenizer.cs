namespace CspAlerts.Rules;

/// <summary>
/// Splits a rule condition into tokens. It never fails: anything it does not recognise becomes an
/// <see cref="ExpressionTokenKind.Unexpected"/> token for the sandbox to report.
/// </summary>
/// <remarks>
/// Strings and identifiers are delimited exactly as System.Linq.Dynamic.Core delimits them (a backslash
/// escapes the next character; identifiers are letters, digits and underscores), so text the sandbox
/// treats as a string literal can never be read as code by the parser that compiles it. Linq.Dynamic's
/// doubled-quote continuation (<c>"a""b"</c>) covers the same characters as two adjacent strings here.
/// </remarks>
internal static class ExpressionTokenizer
{
    // Longest first, so that "==" is not read as "=" "=" and "=>" is caught as a lambda.
    private static readonly string[] Operators =
    [
        "=>", "==", "!=", "<>", ">=", "<=", "&&", "||",
        "=", "!", ">", "<", "+", "-", "*", "/", "%", "?", ":",
    ];

    public static IReadOnlyList<ExpressionToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var tokens = new List<ExpressionToken>();
        var position = 0;
        while (position < text.Length)
        {
            var c = text[position];
            if (char.IsWhiteSpace(c))
            {
                position++;
            }
            else if (char.IsAsciiDigit(c))
            {
                position = ReadNumber(text, position, tokens);
            }
            else if (c is '"' or '\'')
            {
                position = ReadString(text, position, tokens);
            }
            else if (IsIdentifierStart(c))
            {
                var end = SkipIdentifierPart(text, position + 1);
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Identifier, position, text[position..end]));
                position = end;
            }
            else if (SinglePunctuation(c) is { } kind)
            {
                tokens.Add(new ExpressionToken(kind, position, c.ToString()));
                position++;
            }
            else if (MatchOperator(text, position) is { } op)
            {
                var opKind = op == "=>" ? ExpressionTokenKind.Lambda : ExpressionTokenKind.Operator;
                tokens.Add(new ExpressionToken(opKind, position, op));
                position += op.Length;
            }
            else
            {
                // Keep a surrogate pair together so an emoji is reported once, as itself.
                var length = char.IsHighSurrogate(c) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Unexpected, position, text.Substring(position, length)));
                position += length;
            }
        }

        return tokens;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int SkipIdentifierPart(string text, int position)
    {
        while (position < text.Length && IsIdentifierPart(text[position]))
        {
            position++;
        }

        return position;
    }

    private static int SkipDigits(string text, int position)
    {
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        return position;
    }

    private static bool IsDigitAt(string text, int position) =>
        position < text.Length && char.IsAsciiDigit(text[position]);

    /// <summary>Reads <c>digits [. digits] [e [+|-] digits]</c>; a letter stuck to the number (a type suffix, hex) is unexpected.</summary>
    private static int ReadNumber(string text, int start, List<ExpressionToken> tokens)
    {
        var position = SkipDigits(text, start);
        if (position < text.Length && text[position] == '.' && IsDigitAt(text, position + 1))
        {
            position = SkipDigits(text, position + 1);
        }

        if (position < text.Length && text[position] is 'e' or 'E')
        {
            var exponent = position + 1;
            if (exponent < text.Length && text[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (IsDigitAt(text, exponent))
            {
                position = SkipDigits(text, exponent);
            }
        }

        tokens.Add(new ExpressionToken(ExpressionTokenKind.Number, start, text[start..position]));
        if (position < text.Length && IsIdentifierPart(text[position]))
        {
            tokens.Add(new ExpressionToken(ExpressionTokenKind.Unexpected, position, text[position].ToString()));
            position = SkipIdentifierPart(text, position);
        }

        return position;
    }

    private static int ReadString(string text, int start, List<ExpressionToken> tokens)
    {
        var quote = text[start];
        var position = start + 1;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '\\')
            {
                position += 2;
            }
            else if (c == quote)
            {
                tokens.Add(new ExpressionToken(ExpressionTokenKind.String, start, text[start..(position + 1)]));
                return position + 1;
            }
            else
            {
                position++;
            }
        }

        tokens.Add(new ExpressionToken(ExpressionTokenKind.UnterminatedString, start, text[start..]));
        return text.Length;
    }

    private static ExpressionTokenKind? SinglePunctuation(char c) => c switch
    {
        '(' => ExpressionTokenKind.OpenParen,
        ')' => ExpressionTokenKind.CloseParen,
        ',' => ExpressionTokenKind.Comma,
        '.' => ExpressionTokenKind.Dot,
        '[' => ExpressionTokenKind.OpenBracket,
        ']' => ExpressionTokenKind.CloseBracket,
        _ => null,
    };

    private static string? MatchOperator(string text, int position)
    {
        foreach (var op in Operators)
        {
            if (text.AsSpan(position).StartsWith(op, StringComparison.Ordinal))
            {
                return op;
            }
        }

        return null;
    }
}
