using System.Net;
using System.Text.Json;
using FluentAssertions;

namespace Konfig.Bot.Tests.StatusPage;

/// <summary>The endpoints over real HTTP (no browser needed).</summary>
public sealed class StatusPageEndpointTests
{
    [Fact]
    public async Task The_page_and_the_json_are_served_without_caching_and_with_a_policy_forbidding_scripts()
    {
        await using var store = await StatusStore.OpenAsync();
        await store.FillAsync();
        await using var server = await StatusPageServer.StartAsync(store.Store, store.Time);
        using var client = new HttpClient { BaseAddress = server.Url };

        using var page = await client.GetAsync("/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        page.Headers.CacheControl!.NoStore.Should().BeTrue();
        page.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'none'; style-src 'unsafe-inline'");
        (await page.Content.ReadAsStringAsync()).Should().Contain("<code>apps/api/prod</code>");

        using var json = await client.GetAsync("/status.json");
        json.StatusCode.Should().Be(HttpStatusCode.OK);
        json.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("queue").GetArrayLength().Should().Be(2);

        // Each request reads the store again: a job enqueued now shows on the next load.
        await store.Store.EnqueueAsync(new Konfig.Bot.Storage.ApplyRequest(StatusStore.Repo, "apps/db/prod", "cafe", null));
        (await client.GetStringAsync("/")).Should().Contain("<code>apps/db/prod</code>");

        using var other = await client.GetAsync("/nothing-here");
        other.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
