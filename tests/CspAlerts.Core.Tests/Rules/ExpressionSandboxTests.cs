using System.Linq.Dynamic.Core;
using System.Linq.Dynamic.Core.Tokenizer;
using CspAlerts.Rules;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace CspAlerts.Core.Tests.Rules;

public class ExpressionSandboxTests
{
    private static readonly ExpressionSandbox Sandbox = new(
        ["Value", "ChangePct", "LondonChangePct", "LondonValue", "Ytd", "YtdTarget", "MetQuartile", "MsgQuartile", "Unit", "Polarity"],
        ["Worse", "Worsening"]);

    // ---- What analysts may write ----

    [Theory]
    [InlineData("changePct >= 10", "fact.ChangePct >= 10")]
    [InlineData("CHANGEPCT >= 10", "fact.ChangePct >= 10")]
    [InlineData("ytd > ytdTarget", "fact.Ytd > fact.YtdTarget")]
    [InlineData("Worse(changePct, londonChangePct)", "fact.Worse(fact.ChangePct, fact.LondonChangePct)")]
    [InlineData(
        "unit == \"count\" ? Worse(changePct, londonChangePct) : Worse(value, londonValue)",
        "fact.Unit == \"count\" ? fact.Worse(fact.ChangePct, fact.LondonChangePct) : fact.Worse(fact.Value, fact.LondonValue)")]
    [InlineData("metQuartile == 4 || msgQuartile == 4", "fact.MetQuartile == 4 || fact.MsgQuartile == 4")]
    [InlineData("not (changePct < 0) and true", "not (fact.ChangePct < 0) and true")]
    [InlineData("NOT(changePct < 0) AND True", "NOT(fact.ChangePct < 0) AND True")]
    [InlineData("iif(ytd > 0, true, false)", "iif(fact.Ytd > 0, true, false)")]
    [InlineData("1e3 > value", "1e3 > fact.Value")]
    [InlineData("changePct >= -2.5 && changePct <> 1.5E-1", "fact.ChangePct >= -2.5 && fact.ChangePct <> 1.5E-1")]
    [InlineData("worse (changePct,londonChangePct)", "fact.Worse (fact.ChangePct,fact.LondonChangePct)")]
    [InlineData("!(ytd % 2 = 0) || ytdTarget / 2 * 3 - 1 + 4 <= 0", "!(fact.Ytd % 2 = 0) || fact.YtdTarget / 2 * 3 - 1 + 4 <= 0")]
    [InlineData("polarity != null and Worsening(changePct)", "fact.Polarity != null and fact.Worsening(fact.ChangePct)")]
    public void An_allowed_condition_is_rewritten_to_read_the_fact(string expression, string rewritten)
    {
        var result = Sandbox.Check(expression);

        Assert.Empty(result.Errors);
        Assert.True(result.IsValid);
        Assert.Equal(rewritten, result.Rewritten);
    }

    [Theory]
    [InlineData("unit != \"GetType().Assembly\"", "fact.Unit != \"GetType().Assembly\"")]
    [InlineData("unit == 'File.Delete(\"x\")'", "fact.Unit == 'File.Delete(\"x\")'")]
    [InlineData("unit == \"say \\\"changePct\\\" ({[;@$^`\"", "fact.Unit == \"say \\\"changePct\\\" ({[;@$^`\"")]
    [InlineData("unit == \"a\"\"b\" or unit == 'it''s'", "fact.Unit == \"a\"\"b\" or fact.Unit == 'it''s'")]
    [InlineData("unit == \"\\\\\" or unit == \"ytd\"", "fact.Unit == \"\\\\\" or fact.Unit == \"ytd\"")]
    public void A_string_literal_is_only_text_and_is_left_untouched(string expression, string rewritten)
    {
        var result = Sandbox.Check(expression);

        Assert.Empty(result.Errors);
        Assert.Equal(rewritten, result.Rewritten);
    }

    // ---- Attacks, one kind at a time ----

    [Fact]
    public void Reflection_through_a_method_is_refused()
    {
        AssertRefused(
            "GetType().Name == \"x\"",
            (0, "reflection is not allowed in a rule expression: 'GetType'"),
            (9, "member access is not allowed in a rule expression: '.Name'"));
    }

    [Fact]
    public void Reflection_through_properties_of_a_measure_is_refused()
    {
        AssertRefused(
            "changePct.GetType().Assembly != null",
            (10, "reflection is not allowed in a rule expression: 'GetType'"),
            (20, "reflection is not allowed in a rule expression: 'Assembly'"));
    }

    [Fact]
    public void Reflection_through_the_fact_parameter_is_refused()
    {
        AssertRefused(
            "fact.GetType().Assembly.FullName != null",
            (0, "unknown name 'fact' in the condition"),
            (5, "reflection is not allowed in a rule expression: 'GetType'"),
            (15, "reflection is not allowed in a rule expression: 'Assembly'"),
            (23, "member access is not allowed in a rule expression: '.FullName'"));
    }

    [Fact]
    public void Typeof_is_refused_as_reflection()
    {
        AssertRefused(
            "typeof(string).Assembly",
            (0, "reflection is not allowed in a rule expression: 'typeof'"),
            (7, "unknown name 'string' in the condition"),
            (15, "reflection is not allowed in a rule expression: 'Assembly'"));
    }

    [Fact]
    public void Creating_an_instance_through_the_activator_is_refused()
    {
        AssertRefused(
            "Activator.CreateInstance(unit) != null",
            (0, "reflection is not allowed in a rule expression: 'Activator'"),
            (10, "reflection is not allowed in a rule expression: 'CreateInstance'"));
    }

    [Fact]
    public void Reading_a_file_through_its_full_name_is_refused()
    {
        AssertRefused(
            "System.IO.File.Exists(\"/etc/passwd\")",
            (0, "unknown name 'System' in the condition"),
            (7, "file access is not allowed in a rule expression: 'IO'"),
            (10, "file access is not allowed in a rule expression: 'File'"),
            (14, "member access is not allowed in a rule expression: '.Exists'"));
    }

    [Fact]
    public void Reading_a_file_through_its_short_name_is_refused()
    {
        AssertRefused(
            "File.ReadAllText(\"x\") != null",
            (0, "file access is not allowed in a rule expression: 'File'"),
            (5, "file access is not allowed in a rule expression: 'ReadAllText'"));
    }

    [Fact]
    public void Reading_the_environment_is_refused()
    {
        AssertRefused(
            "Environment.GetEnvironmentVariable(\"HOME\") != null",
            (0, "environment access is not allowed in a rule expression: 'Environment'"),
            (12, "environment access is not allowed in a rule expression: 'GetEnvironmentVariable'"));
    }

    [Fact]
    public void Exiting_the_process_is_refused()
    {
        AssertRefused(
            "Environment.Exit(1) == null",
            (0, "environment access is not allowed in a rule expression: 'Environment'"),
            (12, "process control is not allowed in a rule expression: 'Exit'"));
    }

    [Fact]
    public void Starting_a_process_is_refused()
    {
        AssertRefused(
            "System.Diagnostics.Process.Start(\"sh\") != null",
            (0, "unknown name 'System' in the condition"),
            (7, "process control is not allowed in a rule expression: 'Diagnostics'"),
            (19, "process control is not allowed in a rule expression: 'Process'"),
            (27, "process control is not allowed in a rule expression: 'Start'"));
    }

    [Fact]
    public void Sleeping_a_thread_is_refused()
    {
        AssertRefused(
            "Thread.Sleep(1000) == null",
            (0, "threading is not allowed in a rule expression: 'Thread'"),
            (7, "threading is not allowed in a rule expression: 'Sleep'"));
    }

    [Fact]
    public void Starting_a_task_is_refused()
    {
        AssertRefused(
            "Task.Delay(1) != null",
            (0, "threading is not allowed in a rule expression: 'Task'"),
            (4, "member access is not allowed in a rule expression: '.Delay'"));
    }

    [Fact]
    public void Creating_a_web_client_is_refused()
    {
        AssertRefused(
            "new System.Net.WebClient() != null",
            (0, "'new' is not allowed in a rule expression"),
            (4, "unknown name 'System' in the condition"),
            (11, "network access is not allowed in a rule expression: 'Net'"),
            (15, "network access is not allowed in a rule expression: 'WebClient'"));
    }

    [Fact]
    public void Asking_the_dns_is_refused()
    {
        AssertRefused(
            "System.Net.Dns.GetHostName() != null",
            (0, "unknown name 'System' in the condition"),
            (7, "network access is not allowed in a rule expression: 'Net'"),
            (11, "network access is not allowed in a rule expression: 'Dns'"),
            (14, "member access is not allowed in a rule expression: '.GetHostName'"));
    }

    [Fact]
    public void Naming_an_http_client_is_refused()
    {
        AssertRefused("HttpClient != null", (0, "network access is not allowed in a rule expression: 'HttpClient'"));
    }

    [Fact]
    public void Reading_the_clock_is_refused()
    {
        AssertRefused(
            "DateTime.Now.Hour > 3",
            (0, "the clock is not allowed in a rule expression: 'DateTime'"),
            (9, "the clock is not allowed in a rule expression: 'Now'"),
            (12, "member access is not allowed in a rule expression: '.Hour'"));
    }

    [Fact]
    public void Reading_the_clock_with_an_offset_is_refused()
    {
        AssertRefused(
            "DateTimeOffset.UtcNow != null",
            (0, "the clock is not allowed in a rule expression: 'DateTimeOffset'"),
            (15, "the clock is not allowed in a rule expression: 'UtcNow'"));
    }

    [Fact]
    public void A_lambda_is_refused()
    {
        AssertRefused(
            "x => x.Length > 0",
            (0, "unknown name 'x' in the condition"),
            (2, "'=>' is not allowed in a rule expression"),
            (5, "unknown name 'x' in the condition"),
            (6, "member access is not allowed in a rule expression: '.Length'"));
    }

    [Fact]
    public void Creating_an_object_is_refused()
    {
        AssertRefused(
            "new(ytd as y) != null",
            (0, "'new' is not allowed in a rule expression"),
            (8, "'as' is not allowed in a rule expression"),
            (11, "unknown name 'y' in the condition"));
    }

    [Fact]
    public void Indexing_is_refused_once_per_index()
    {
        AssertRefused("unit[0] == \"c\"", (4, "indexing is not allowed in a rule expression"));
    }

    [Fact]
    public void A_stray_closing_bracket_is_refused_as_indexing()
    {
        AssertRefused("ytd] > 0", (3, "indexing is not allowed in a rule expression"));
    }

    [Theory]
    [InlineData("it.ChangePct > 10", 0, "'it' is not allowed in a rule expression")]
    [InlineData("IT > 10", 0, "'IT' is not allowed in a rule expression")]
    [InlineData("parent != null", 0, "'parent' is not allowed in a rule expression")]
    [InlineData("root != null", 0, "'root' is not allowed in a rule expression")]
    [InlineData("np(changePct) > 0", 0, "'np' is not allowed in a rule expression")]
    [InlineData("unit is null", 5, "'is' is not allowed in a rule expression")]
    public void A_linq_dynamic_keyword_that_reaches_outside_the_fact_is_refused(string expression, int offset, string message)
    {
        var result = Sandbox.Check(expression);

        Assert.False(result.IsValid);
        Assert.Null(result.Rewritten);
        Assert.Equal(new SandboxError(offset, message), result.Errors[0]);
    }

    [Fact]
    public void The_it_keyword_and_member_access_after_it_are_both_reported()
    {
        AssertRefused(
            "it.ChangePct > 10",
            (0, "'it' is not allowed in a rule expression"),
            (2, "member access is not allowed in a rule expression: '.ChangePct'"));
    }

    [Theory]
    [InlineData("@0 > 1", 0, "@")]
    [InlineData("$ > 1", 0, "$")]
    [InlineData("^.Ytd > 1", 0, "^")]
    [InlineData("ytd > `1`", 6, "`")]
    [InlineData("ytd > 1; true", 7, ";")]
    [InlineData("ytd & 1", 4, "&")]
    [InlineData("ytd | 1", 4, "|")]
    [InlineData("~ytd", 0, "~")]
    [InlineData("ytd \\ 1", 4, "\\")]
    [InlineData("changePct ≥ 10", 10, "≥")]
    [InlineData("ytd > .5", 6, ".")]
    [InlineData("changePct > 10m", 14, "m")]
    [InlineData("changePct > 0x10", 13, "x")]
    [InlineData("changePct > 1e", 13, "e")]
    [InlineData("ytd > 10ytd", 8, "y")]
    public void A_stray_character_is_refused(string expression, int offset, string character)
    {
        Assert.Contains(new SandboxError(offset, $"unexpected character '{character}' in the condition"), Sandbox.Check(expression).Errors);
    }

    [Fact]
    public void Braces_are_refused()
    {
        AssertRefused(
            "{ ytd }",
            (0, "unexpected character '{' in the condition"),
            (6, "unexpected character '}' in the condition"));
    }

    [Fact]
    public void An_unterminated_string_is_refused()
    {
        AssertRefused("unit == \"count", (8, "unterminated string in the condition"));
    }

    [Fact]
    public void A_string_ending_in_an_escaped_quote_is_unterminated()
    {
        AssertRefused("unit == 'count\\'", (8, "unterminated string in the condition"));
    }

    [Theory]
    [InlineData("(changePct > 1", 0)]
    [InlineData("changePct > 1)", 13)]
    [InlineData("Worse(changePct, (ytd)", 5)]
    public void Unbalanced_parentheses_are_refused(string expression, int offset)
    {
        AssertRefused(expression, (offset, "unbalanced parentheses in the condition"));
    }

    [Fact]
    public void A_measure_called_as_a_function_is_refused()
    {
        AssertRefused("changePct(1) > 0", (0, "'changePct' is a measure, not a function"));
    }

    [Fact]
    public void A_function_used_without_a_call_is_refused()
    {
        AssertRefused("worse == true", (0, "'worse' is a function and must be called, e.g. worse(changePct)"));
    }

    [Theory]
    [InlineData("System == null", 0, "System", "")]
    [InlineData("abs(changePct) > 10", 0, "abs", "")]
    [InlineData("changePct eq 10", 10, "eq", "")]
    [InlineData("int(changePct) > 1", 0, "int", "")]
    [InlineData("Ünit == \"x\"", 0, "Ünit", "; did you mean 'Unit'?")]
    [InlineData("changePtc > 10", 0, "changePtc", "; did you mean 'ChangePct'?")]
    public void A_name_outside_the_allowlist_is_unknown_with_the_likely_name_it_was_meant_to_be(string expression, int offset, string name, string hint)
    {
        AssertRefused(expression, (offset, $"unknown name '{name}' in the condition{hint}"));
    }

    [Theory]
    [InlineData("Type", "reflection")]
    [InlineData("GETTYPE", "reflection")]
    [InlineData("Expression", "reflection")]
    [InlineData("Unsafe", "reflection")]
    [InlineData("Directory", "file access")]
    [InlineData("Delete", "file access")]
    [InlineData("AppContext", "environment access")]
    [InlineData("MachineName", "environment access")]
    [InlineData("Kill", "process control")]
    [InlineData("FailFast", "process control")]
    [InlineData("Parallel", "threading")]
    [InlineData("SpinWait", "threading")]
    [InlineData("Socket", "network access")]
    [InlineData("Uri", "network access")]
    [InlineData("Stopwatch", "the clock")]
    [InlineData("TickCount64", "the clock")]
    public void A_banned_name_is_reported_with_its_category(string name, string category)
    {
        AssertRefused($"{name} != null", (0, $"{category} is not allowed in a rule expression: '{name}'"));
    }

    [Fact]
    public void A_banned_member_is_reported_with_its_category_at_the_member()
    {
        AssertRefused("unit.assembly != null", (5, "reflection is not allowed in a rule expression: 'assembly'"));
    }

    [Fact]
    public void Member_access_after_a_closing_parenthesis_is_refused()
    {
        AssertRefused(
            "Worse(changePct, ytd).CompareTo(true) > 0",
            (21, "member access is not allowed in a rule expression: '.CompareTo'"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void An_empty_condition_is_refused(string expression)
    {
        AssertRefused(expression, (0, "the condition is empty"));
    }

    [Fact]
    public void Every_error_is_reported_in_order_of_offset()
    {
        // The unclosed parenthesis is found last but comes first.
        AssertRefused(
            "(File.Delete(unit)",
            (0, "unbalanced parentheses in the condition"),
            (1, "file access is not allowed in a rule expression: 'File'"),
            (6, "file access is not allowed in a rule expression: 'Delete'"));
    }

    [Fact]
    public void A_measure_may_share_a_name_with_a_banned_word()
    {
        // Names the fact itself exposes are safe: they are read from the fact.
        var sandbox = new ExpressionSandbox(["Type"], []);

        Assert.Equal("fact.Type == \"count\"", sandbox.Check("type == \"count\"").Rewritten);
    }

    [Fact]
    public void The_parameter_name_is_used_in_the_rewrite()
    {
        var sandbox = new ExpressionSandbox(["Ytd"], ["Worse"], "f");

        Assert.Equal("f.Worse(f.Ytd, 1)", sandbox.Check("worse(ytd, 1)").Rewritten);
    }

    [Theory]
    [InlineData("it")]
    [InlineData("And")]
    [InlineData("fact")]
    [InlineData("change pct")]
    [InlineData("fact.Ytd")]
    [InlineData("")]
    public void A_measure_that_cannot_be_named_in_a_condition_is_rejected_at_construction(string measure)
    {
        Assert.Throws<ArgumentException>(() => new ExpressionSandbox([measure], []));
    }

    [Fact]
    public void A_name_given_twice_ignoring_case_is_rejected_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new ExpressionSandbox(["Ytd"], ["ytd"]));
    }

    // ---- Agreement with what RulesEngine runs ----

    [Theory]
    [InlineData("changePct >= 10", true)]
    [InlineData("CHANGEPCT >= 15", false)]
    [InlineData("ytd > ytdTarget", true)]
    [InlineData("Worse(changePct, londonChangePct)", true)]
    [InlineData("unit == \"count\" ? Worse(changePct, londonChangePct) : Worse(value, londonValue)", true)]
    [InlineData("unit == \"rate\" ? Worse(changePct, londonChangePct) : Worse(value, londonValue)", false)]
    [InlineData("metQuartile == 4 || msgQuartile == 4", true)]
    [InlineData("not (changePct < 0) and true", true)]
    [InlineData("iif(ytd > 0, true, false)", true)]
    [InlineData("1e3 > value", true)]
    [InlineData("changePct >= -2.5 && changePct <> 1.5E-1", true)]
    [InlineData("unit != \"GetType().Assembly\"", true)]
    [InlineData("unit == \"File.Delete(\\\"x\\\")\"", false)]
    [InlineData("unit == \"say \\\"count\\\"\"", false)]
    public void A_rewritten_condition_compiles_and_runs_in_rules_engine(string expression, bool expected)
    {
        var fact = new SandboxTestFact
        {
            Value = 3,
            LondonValue = 4,
            ChangePct = 12,
            LondonChangePct = 5,
            Ytd = 100,
            YtdTarget = 90,
            MetQuartile = 4,
            MsgQuartile = 2,
            Unit = "count",
        };

        var rewritten = TestFactSandbox.Check(expression).Rewritten;

        Assert.NotNull(rewritten);
        Assert.Equal(expected, CompileWithRulesEngine(rewritten)([fact]));
    }

    [Theory]
    [InlineData("changePct >= 10")]
    [InlineData("changePct < 10")]
    [InlineData("changePct == 0")]
    [InlineData("ytd > ytdTarget")]
    [InlineData("Worse(changePct, londonChangePct)")]
    public void A_comparison_with_a_null_measure_is_false(string expression)
    {
        var rewritten = TestFactSandbox.Check(expression).Rewritten;

        Assert.NotNull(rewritten);
        Assert.False(CompileWithRulesEngine(rewritten)([new SandboxTestFact()]));
    }

    [Fact]
    public void Without_the_sandbox_rules_engine_compiles_reflection()
    {
        // This is why the sandbox exists: RulesEngine itself happily reaches the fact's assembly.
        const string attack = "fact.GetType().Assembly != null";

        var run = CompileWithRulesEngine(attack);

        Assert.True(run([new SandboxTestFact()]));
        Assert.False(TestFactSandbox.Check(attack).IsValid);
    }

    [Fact]
    public void A_single_quoted_string_passes_the_sandbox_but_linq_dynamic_reads_it_as_one_character()
    {
        // Harmless (it is still only text), but the rule set's compile step, not the sandbox, reports it.
        var rewritten = TestFactSandbox.Check("unit == 'count'").Rewritten;

        Assert.NotNull(rewritten);
        Assert.Throws<System.Linq.Dynamic.Core.Exceptions.ParseException>(() => CompileWithRulesEngine(rewritten));
    }

    [Theory]
    [InlineData("unit == \"a\\\"b\" or ytd > 1")]
    [InlineData("unit == \"x\"\"GetType()\"\"\" and ytd > 1")]
    [InlineData("unit == 'it''s' or unit == \"\\\\\" or ytd > 1")]
    [InlineData("unit == \"\\\\\\\"GetType()\" or ytd > 1")]
    [InlineData("unit == \"tab\\there\" or Worse(changePct, ytd)")]
    [InlineData("unit == '\"' or unit == \"'\" or changePct > 1e3")]
    public void The_sandbox_sees_the_same_strings_and_names_as_linq_dynamic(string expression)
    {
        Assert.True(TestFactSandbox.Check(expression).IsValid);

        var ours = ExpressionTokenizer.Tokenize(expression);
        var parser = new TextParser(new ParsingConfig(), expression);
        var theirIdentifiers = new List<(int, string)>();
        var theirStringChars = new List<int>();
        for (; parser.CurrentToken.Id != TokenId.End; parser.NextToken())
        {
            var token = parser.CurrentToken;
            if (token.OriginalId == TokenId.Identifier)
            {
                theirIdentifiers.Add((token.Pos, token.Text));
            }
            else if (token.Id == TokenId.StringLiteral)
            {
                theirStringChars.AddRange(Enumerable.Range(token.Pos, token.Text.Length));
            }
        }

        Assert.Equal(
            theirIdentifiers,
            ours.Where(t => t.Kind == ExpressionTokenKind.Identifier).Select(t => (t.Offset, t.Text)));
        Assert.Equal(
            theirStringChars,
            ours.Where(t => t.Kind == ExpressionTokenKind.String).SelectMany(t => Enumerable.Range(t.Offset, t.Text.Length)));
    }

    private static readonly ExpressionSandbox TestFactSandbox = new(
        ["Value", "LondonValue", "ChangePct", "LondonChangePct", "Ytd", "YtdTarget", "MetQuartile", "MsgQuartile", "Unit"],
        ["Worse"]);

    private static Func<object[], bool> CompileWithRulesEngine(string expression) =>
        new RuleExpressionParser(new ReSettings { CustomTypes = [typeof(SandboxTestFact)] })
            .Compile<bool>(expression, [RuleParameter.Create("fact", typeof(SandboxTestFact))]);

    private static void AssertRefused(string expression, params (int Offset, string Message)[] expected)
    {
        var result = Sandbox.Check(expression);

        Assert.False(result.IsValid);
        Assert.Null(result.Rewritten);
        Assert.Equal(expected.Select(e => new SandboxError(e.Offset, e.Message)), result.Errors);
    }
}

/// <summary>A stand-in for the measures fact, with the shape RulesEngine sees.</summary>
public sealed class SandboxTestFact
{
    public double? Value { get; init; }

    public double? LondonValue { get; init; }

    public double? ChangePct { get; init; }

    public double? LondonChangePct { get; init; }

    public double? Ytd { get; init; }

    public double? YtdTarget { get; init; }

    public int? MetQuartile { get; init; }

    public int? MsgQuartile { get; init; }

    public string Unit { get; init; } = "count";

    public bool HigherIsBetter { get; init; }

    /// <summary>Worse in the direction of the polarity; with either side unknown nothing is worse.</summary>
    public bool Worse(double? a, double? b) => HigherIsBetter ? a < b : a > b;
}
