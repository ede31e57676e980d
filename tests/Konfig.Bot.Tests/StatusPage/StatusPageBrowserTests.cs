using FluentAssertions;
using Microsoft.Playwright;

namespace Konfig.Bot.Tests.StatusPage;

/// <summary>The status page in a real headless Chromium (Debian's), driven by Playwright, served by Kestrel.</summary>
public sealed class StatusPageBrowserTests
{
    // The machine has no network: without these Chromium keeps trying to reach Google's services.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    [RequiresChromiumFact]
    public async Task Chromium_shows_the_queue_and_reveals_a_runs_preview_on_click()
    {
        await using var store = await StatusStore.OpenAsync();
        await store.FillAsync();
        await using var server = await StatusPageServer.StartAsync(store.Store, store.Time);
        using var profile = new TemporaryFolder();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = RequiresChromiumFactAttribute.ExecutablePath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
        var page = await browser.NewPageAsync();
        var scriptErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") scriptErrors.Add(message.Text); };

        var response = await page.GotoAsync(server.Url.ToString());

        response!.Status.Should().Be(200);
        (await page.TitleAsync()).Should().Be("Konfig bot status");
        var rows = page.Locator("#queue tbody tr");
        (await rows.CountAsync()).Should().Be(2);
        (await rows.Nth(0).Locator("td").AllInnerTextsAsync()).Take(6).Should().Equal("1", StatusStore.Repo, "apps/web/prod", "a1b2c3d", "#42", "running");
        (await rows.Nth(1).Locator("td").AllInnerTextsAsync()).Take(6).Should().Equal("2", StatusStore.Repo, "apps/api/prod", "0f1e2d3", "", "pending");

        // The preview is folded away until its <details> is opened.
        var preview = page.Locator("#runs details pre");
        (await preview.CountAsync()).Should().Be(1);
        (await preview.IsVisibleAsync()).Should().BeFalse();
        await page.Locator("#runs details summary").ClickAsync();
        (await preview.IsVisibleAsync()).Should().BeTrue();
        (await preview.InnerTextAsync()).Should().Contain(StatusStore.PreviewText);
        (await page.Locator("#runs details").GetAttributeAsync("open")).Should().NotBeNull();

        var screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(screenshots);
        var screenshot = Path.Combine(screenshots, "status-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        new FileInfo(screenshot).Length.Should().BeGreaterThan(0);
        scriptErrors.Should().BeEmpty("the page loads nothing and runs no script");
    }
}
