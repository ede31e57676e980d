using Konfig.Bot.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Konfig.Bot.StatusPage;

public static class StatusPageEndpoints
{
    // The page has no script and loads nothing: forbid both, so stored text can never run even if it escaped.
    private const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Maps GET / (the HTML page) and GET /status.json. <paramref name="store"/> gives the server's store on each
    /// request; the page only reads it and does not dispose it.
    /// </summary>
    public static void MapStatusPage(this IEndpointRouteBuilder endpoints, Func<IBotStore> store, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(store);

        endpoints.MapGet("/", async (HttpContext context) =>
        {
            var html = await new StatusPage(store(), time).RenderHtmlAsync(context.RequestAborted);
            NoCache(context);
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Results.Content(html, "text/html; charset=utf-8");
        });

        endpoints.MapGet("/status.json", async (HttpContext context) =>
        {
            var json = await new StatusPage(store(), time).RenderJsonAsync(context.RequestAborted);
            NoCache(context);
            return Results.Content(json, "application/json; charset=utf-8");
        });
    }

    private static void NoCache(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
    }
}
