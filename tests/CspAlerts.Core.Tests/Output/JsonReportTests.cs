using System.Text.Json;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Evaluation;
using CspAlerts.Model;
using CspAlerts.Output;

namespace CspAlerts.Core.Tests.Output;

public class JsonReportTests
{
    private static Fact Fact(double? changePct) => new(
        "rape", "haringey", new Period(2014, 9), 183, 120, 63, changePct, null, 29.9, null, null, null, null, null,
        new Dictionary<string, PeerPosition> { ["met"] = new(32, 29, 4, null, null, 29, 4, PeerPosition.ByChange) }, null, 17);

    private static JsonElement Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void An_exception_carries_its_figures_as_numbers_and_a_missing_figure_as_null()
    {
        var item = new RuleFiring("monitor-only", "rape", "haringey", new Period(2014, 9), null, true, false, "Rape is up", Fact(52.5));

        var json = Write(s => JsonReport.WriteExceptions(s, new Period(2014, 9), [], [item], [], TestMeasures.Standard));

        Assert.Equal("2014-09", json.GetProperty("period").GetString());
        var e = json.GetProperty("exceptions")[0];
        Assert.Equal("monitor-only", e.GetProperty("rule").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("rag").ValueKind);
        Assert.False(e.GetProperty("escalate").GetBoolean());
        var facts = e.GetProperty("facts");
        Assert.Equal(JsonValueKind.Number, facts.GetProperty("changePct").ValueKind);
        Assert.Equal(52.5, facts.GetProperty("changePct").GetDouble());
        Assert.Equal(JsonValueKind.Null, facts.GetProperty("rate").ValueKind);
        Assert.Equal(JsonValueKind.Null, facts.GetProperty("ytdTarget").ValueKind);
        Assert.Equal(JsonValueKind.Null, facts.GetProperty("spc").ValueKind);
        Assert.Equal(JsonValueKind.Null, facts.GetProperty("peers").GetProperty("met").GetProperty("rateRank").ValueKind);
        Assert.Equal(29, facts.GetProperty("peers").GetProperty("met").GetProperty("rank").GetInt32());
        Assert.Equal("change", facts.GetProperty("peers").GetProperty("met").GetProperty("rankBasis").GetString());
    }

    [Fact]
    public void A_RAG_rating_is_written_in_lower_case()
    {
        var item = new RuleFiring("bottom-quartile-met", "rape", "haringey", new Period(2014, 9), Rag.Red, false, true, "x", Fact(null));

        var e = Write(s => JsonReport.WriteExceptions(s, new Period(2014, 9), [], [item], [], TestMeasures.Standard)).GetProperty("exceptions")[0];

        Assert.Equal("red", e.GetProperty("rag").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("facts").GetProperty("changePct").ValueKind);
    }

    [Fact]
    public void Measures_list_each_fact_with_its_indicator()
    {
        var json = Write(s => JsonReport.WriteMeasures(s, new Period(2014, 9), "haringey", [Fact(52.5)], TestMeasures.Standard));

        Assert.Equal("haringey", json.GetProperty("area").GetString());
        var fact = Assert.Single(json.GetProperty("facts").EnumerateArray());
        Assert.Equal("rape", fact.GetProperty("indicator").GetString());
        Assert.Equal(183, fact.GetProperty("value").GetDouble());
    }
}
