namespace CspAlerts.Rules;

/// <summary>The lexical kinds the expression sandbox distinguishes.</summary>
internal enum ExpressionTokenKind
{
    Number,
    String,
    UnterminatedString,
    Identifier,
    Operator,
    OpenParen,
    CloseParen,
    Comma,
    Dot,
    OpenBracket,
    CloseBracket,
    Lambda,
    Unexpected,
}

/// <summary>One token of a rule condition, with its 0-based offset and its text exactly as written.</summary>
internal readonly record struct ExpressionToken(ExpressionTokenKind Kind, int Offset, string Text)
{
    public int End => Offset + Text.Length;
}
