using CsCheck;
using CspAlerts.Configuration;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Ingest;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Core.Tests.Fuzzing;

/// <summary>
/// Property-based tests over every place user input comes in: rule conditions, message templates,
/// the YAML loader and the dataset formats. Whatever the input, the outcome is the documented one
/// (a result, or the rejection that names the fault) and never another exception. Each property
/// runs for a few seconds; CsCheck prints the smallest failing input it finds.
/// </summary>
public class FuzzTests
{
    private const int Seconds = 4;

    private static readonly SourceLocation Here = new("rules/fuzz.yaml", 1, 1);

    private static readonly string[] ConditionTokens =
    [
        "changePct", "value", "previous", "metRank", "metQuartile", "msgSize", "londonChangePct", "ytd", "ytdTarget",
        "spcVariation", "unit", "polarity", "history", "Worse(", "Worsening(", "iif(", "(", ")", "(", ")", "&&", "||",
        "!", "and", "or", "not", "+", "-", "*", "/", "%", "==", "!=", ">=", "<=", "<", ">", "?", ":", ",", "0", "1", "4",
        "10.5", "-2", "1e308", "\"concern\"", "\"count\"", "'x'", "true", "false", "null", "DateTime", ".", "[", "]",
        "@", "$", "\\", "new", "it", "GetType(", "\"", "=>", " ", "~", "^", "1/0", "1 / (1 - 1)",
    ];

    private static readonly Gen<string> Condition = Gen.OneOf<string>(ConditionTokens).Array[0, 40].Select(t => string.Join(' ', t));

    private static RuleFact SampleFact(Polarity polarity)
    {
        var indicator = new Indicator("x", "X", "crime", [], polarity, IndicatorUnit.Count, "lead", [], IndicatorSources.None, Here);
        var peers = new Dictionary<string, PeerPosition> { ["met"] = new(32, 1, 1, 1, 1, 1, 1, PeerPosition.ByRate) };
        var fact = new Fact("x", "a", new Period(2016, 12), 0, 0, 0, null, 0, -1e308, null, null, 0, null, null, peers, new SpcResult(0, 0, 0, "none", "common-cause"), 0);
        return new RuleFact(fact, indicator, TestMeasures.Standard);
    }

    [Fact]
    public void Any_condition_is_compiled_or_refused_with_errors_and_a_compiled_one_runs_or_fails_as_the_evaluator_reports()
    {
        Gen.Select(Condition, Gen.OneOf(Polarity.LowerIsBetter, Polarity.HigherIsBetter, Polarity.Monitor)).Sample((when, polarity) =>
        {
            var errors = new List<ConfigError>();
            var set = CompiledRuleSet.Compile(
                [new RuleDefinition("fuzz", "fuzz", RuleSelector.Default, when, Rag.Red, false, true, "{indicatorName}", 1, Here, Here)],
                TestMeasures.Standard,
                errors);
            Assert.True(errors.Count > 0 || set.Rules.Count == 1);
            foreach (var rule in set.Rules)
            {
                var fact = SampleFact(polarity);
                try
                {
                    rule.Holds(fact);
                }
                catch (Exception ex) when (ex is ArithmeticException or FormatException or ArgumentException)
                {
                    // The evaluator reports these per item as a rule error (e.g. a string where a
                    // true/false is wanted, which Linq.Dynamic converts at run time); anything else is a bug.
                }

                Assert.NotNull(Threshold.Explain(rule, fact));
            }
        }, time: Seconds);
    }

    [Fact]
    public void Any_message_template_is_parsed_or_refused_and_a_parsed_one_always_renders()
    {
        var pieces = Gen.OneOf("{", "}", "[", "]", "{{", "]]", "{value", "{value}", "{changePct:+0.0;-0.0}", "{metRank:D}", "{value:D}",
            "{metRank:D999999999}", "{spcSignal:0.0}", "{period}", "{nope}", ":", "text ", "{value:#,0.##}", "{rate:E3}", "'", "{value:0.0 'x}");
        pieces.Array[0, 12].Select(p => string.Concat(p)).Sample(text =>
        {
            var template = MessageTemplate.TryParse(text, TestMeasures.Standard, out var error);
            Assert.True(template is not null || error is not null);
            template?.Render(SampleFact(Polarity.LowerIsBetter), new MessageContext("r", "x", "X", "a", "A", new Period(2016, 12)));
        }, time: Seconds);
    }

    [Fact]
    public void Any_yaml_text_loads_or_is_rejected_with_located_errors()
    {
        var pieces = Gen.OneOf("rules:\n", "areas:\n", "owners:\n", "  - id: x\n", "    when: changePct > 1\n", "    rag: red\n",
            "    for: 99999999999\n", "    message: \"{value}\"\n", "&a [1, *a]\n", "*a\n", "a: &b\n  - *b\n", "[", "{", "\"", "'", ": ", "- ",
            "\t", "\n", "  ", "２０１６: 1\n", "population:\n      2016: 5\n", "? [a]\n: 1\n", "%YAML 1.2\n", "---\n", "...\n", "!!binary x\n");
        pieces.Array[0, 30].Select(p => string.Concat(p)).Sample(text =>
        {
            var result = ConfigurationLoader.Read([new ConfigurationSource("rules/fuzz.yaml", text)]);
            Assert.All(result.Errors, e => Assert.StartsWith("rules", e.Location.File, StringComparison.Ordinal));
        }, time: Seconds);
    }

    [Fact]
    public void The_shipped_rules_with_random_damage_load_or_are_rejected_with_located_errors()
    {
        var shipped = File.ReadAllText(Path.Combine(CspAlerts.Testing.RepositoryRoot.Find(AppContext.BaseDirectory), "rules", "rules.yaml"));
        Gen.Select(Gen.Int[0, shipped.Length - 1], Gen.Int[0, 20], Gen.OneOf("", "\n", "{", "[", ":", "\"", "&x ", "*x", "- ")).Sample((at, cut, insert) =>
        {
            var damaged = shipped[..at] + insert + shipped[Math.Min(shipped.Length, at + cut)..];
            var result = ConfigurationLoader.Read([new ConfigurationSource("rules/rules.yaml", damaged)]);
            Assert.NotNull(result.Configuration);
        }, time: Seconds);
    }

    [Fact]
    public void Any_csv_text_is_loaded_or_rejected_naming_the_file()
    {
        var loader = new DatasetLoader(TestConfiguration.Create());
        var headers = Gen.OneOf(
            "indicator,area,period,value\n",
            "indicator,area,period,value,msg_rank,msg_size,london_value,note\n",
            "MajorText,MinorText,LookUp_BoroughName,201611,201612\n",
            "Borough,Callout_type,Date,Number of reported incidents,Year,Month\n",
            string.Empty);
        var cells = Gen.OneOf("burglary", "haringey", "Barking and Dagenham", "2016-12", "2016-13", "5", "-2", "-2.5", "1,200", "\"1,200\"",
            "1e308", "9223372036854775807", "", "\"", "\"\"", "Burglary", "Domestic Burglary", "ALL DELIBERATE FIRES", "2016", "12", "\u001b[31m", ",", "\n", "\r\n");
        Gen.Select(headers, cells.Array[0, 60]).Sample((header, body) =>
        {
            var text = header + string.Join(',', body);
            try
            {
                loader.Load(DatasetSource.FromText("fuzz.csv", text));
            }
            catch (DatasetRejectedException ex)
            {
                Assert.All(ex.Errors, e => Assert.Equal("fuzz.csv", e.File));
                Assert.All(ex.Errors, e => Assert.DoesNotContain('\u001b', e.ToString()));
            }
        }, time: Seconds);
    }

    [Fact]
    public void Any_bytes_named_as_a_workbook_are_loaded_or_rejected()
    {
        var loader = new DatasetLoader(TestConfiguration.Create());
        Gen.Byte.Array[0, 400].Select(b => (byte[])[.. "PK\u0003\u0004"u8, .. b]).Sample(bytes =>
        {
            try
            {
                loader.Load(DatasetSource.FromBytes("fuzz.xlsx", bytes));
            }
            catch (DatasetRejectedException ex)
            {
                Assert.NotEmpty(ex.Errors);
            }
        }, time: Seconds);
    }
}
