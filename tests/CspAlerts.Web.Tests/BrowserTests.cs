using CspAlerts.Web.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CspAlerts.Web.Tests;

/// <summary>The service with the seed data processed, shared by the browser tests.</summary>
public sealed class SeededService : IAsyncLifetime
{
    public Service Service { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Service = await Service.StartAsync();
        foreach (var seed in new[] { "mps-borough-crime-201210-201612.csv", "lfb-deliberate-fires-201301-201612.csv", "barking-and-dagenham-2016-12-supplied.csv" })
        {
            Assert.Equal("processed", await Service.DropAsync(Path.Combine(Service.Root, "seeds", seed)));
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's chromium, installed by test.sh; nothing is downloaded.
            ExecutablePath = "/usr/lib/chromium/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Service.DisposeAsync();
    }
}

/// <summary>
/// The pages in real headless Chromium: a lead filters the exceptions, opens an item, adds
/// commentary and sees it in the digest preview; every page passes axe-core with no serious or
/// critical violation and carries the protective marking.
/// </summary>
public sealed class BrowserTests(SeededService seeded) : IClassFixture<SeededService>
{
    private static readonly string[] Pages = ["/", "/items/theft-of-motor-vehicle/barking-and-dagenham", "/digest", "/rules", "/inbox"];

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await seeded.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        await page.GotoAsync(seeded.Service.Url + path);
        return page;
    }

    [Fact]
    public async Task A_lead_filters_opens_an_item_adds_commentary_and_sees_it_in_the_digest_preview()
    {
        var page = await OpenAsync("/");
        Assert.Equal("Exceptions now: December 2016", await page.Locator("h1").InnerTextAsync());

        await page.SelectOptionAsync("#rag", "red");
        await page.SelectOptionAsync("#lead", "crime-lead");
        await page.ClickAsync("button:has-text('Filter')");
        var ratings = await page.Locator("tbody td:first-child").AllInnerTextsAsync();
        Assert.NotEmpty(ratings);
        Assert.All(ratings, r => Assert.Equal("RED", r.Trim()));
        Assert.Contains("rag=red", page.Url, StringComparison.Ordinal);

        await page.ClickAsync("text=Theft of motor vehicle, Barking and Dagenham");
        Assert.Equal("Theft of motor vehicle, Barking and Dagenham, December 2016", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("It clears at rank 24 of 32 or better (now 29 of 32).", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("main img").First.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the trend chart loads");
        Assert.True(await page.Locator("main img").Nth(1).EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the SPC chart loads");

        await page.FillAsync("#Author", "Strategic lead for crime");
        await page.FillAsync("#Text", "Vehicle crime is the January tasking priority <with the MPS>.");
        await page.ClickAsync("button:has-text('Add commentary')");
        Assert.Contains("Your commentary is saved", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync(seeded.Service.Url + "/digest");
        var digest = await page.FrameLocator("iframe").Locator("body").InnerTextAsync();
        Assert.Contains("Performance Monitoring Group digest: December 2016", digest, StringComparison.Ordinal);
        Assert.Contains("Theft of motor vehicle, Barking and Dagenham (Strategic lead for crime): Vehicle crime is the January tasking priority <with the MPS>.", digest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_carries_the_marking_and_has_no_serious_accessibility_violation()
    {
        foreach (var path in Pages)
        {
            var page = await OpenAsync(path);
            Assert.Equal("OFFICIAL-SENSITIVE", (await page.Locator(".marking").First.InnerTextAsync()).Trim());
            // The digest preview's sandboxed frame runs no script, so axe checks the page around it (the digest itself is an email).
            var axe = await page.RunAxe(new AxeRunOptions { Iframes = false });
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{path}: {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})").ToList();
            Assert.True(serious.Count == 0, string.Join("\n", serious));
            if (Environment.GetEnvironmentVariable("CSPALERTS_UPDATE_DOCS") == "1")
            {
                var name = path == "/" ? "exceptions" : path.Trim('/').Split('/')[0];
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Service.Root, "docs", "images", $"web-{name}.png"), FullPage = true });
            }

            await page.CloseAsync();
        }
    }
}
