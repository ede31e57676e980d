using System.Globalization;
using System.Net;

namespace Konfig.Bot.GitHub;

/// <summary>
/// Sits under Octokit and keeps to GitHub's rate limits: mutating requests are spaced by
/// <see cref="GitHubApiOptions.MutationSpacing"/>; a 403/429 with <c>retry-after</c> is retried after that
/// many seconds, one with <c>x-ratelimit-remaining: 0</c> after <c>x-ratelimit-reset</c>, a secondary rate
/// limit without either header after a minute (GitHub's advice).
/// </summary>
internal sealed class RateLimitHandler(GitHubApiOptions options, RequestPacer pacer) : DelegatingHandler(new SocketsHttpHandler())
{
    /// <summary>Octokit's calls take no cancellation token, so the caller's flows here beside them.</summary>
    internal static readonly AsyncLocal<CancellationToken> Cancellation = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Cancellation.Value);
        var ct = linked.Token;
        var mutating = request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
        using var turn = mutating ? await pacer.TakeTurnAsync(ct) : null;
        for (var attempt = 0; ; attempt++)
        {
            var response = await SendOnceAsync(request, ct);
            var wait = await RateLimitWaitAsync(response, ct);
            if (wait is null || attempt >= options.MaxRateLimitRetries || wait > options.MaxRateLimitWait)
            {
                return response;
            }

            response.Dispose();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait.Value, options.Clock, ct);
            }
        }
    }

    /// <summary>
    /// One attempt, limited by <see cref="GitHubApiOptions.RequestTimeout"/> in real time (a network timeout,
    /// not the injectable clock). HttpClient's own timeout is off: it would also cut rate-limit waits short.
    /// </summary>
    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(options.RequestTimeout);
        try
        {
            return await base.SendAsync(request, attempt.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"GitHub did not answer {request.Method} {request.RequestUri} within {options.RequestTimeout.TotalSeconds:0.###} s", e);
        }
    }

    /// <summary>How long GitHub asks us to wait, or null when the response is not a rate limit.</summary>
    private async Task<TimeSpan?> RateLimitWaitAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            return retryAfter.Delta ?? (retryAfter.Date - options.Clock.GetUtcNow())?.Duration();
        }

        if (Header(response, "x-ratelimit-remaining") == "0"
            && long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var until = DateTimeOffset.FromUnixTimeSeconds(reset) - options.Clock.GetUtcNow();
            return until > TimeSpan.Zero ? until : TimeSpan.Zero;
        }

        // Without either header, only GitHub's message tells a secondary limit from a plain refusal.
        // The body is buffered, so Octokit can still read it when we give up.
        await response.Content.LoadIntoBufferAsync(ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase) ? TimeSpan.FromMinutes(1) : null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>
/// Runs mutating requests one at a time, each starting at least <c>spacing</c> after the one before it
/// ended, as GitHub advises (serial requests, a second between writes).
/// </summary>
internal sealed class RequestPacer(TimeSpan spacing, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private DateTimeOffset? lastEnded;

    /// <summary>Waits for this request's turn; disposing the result ends the turn.</summary>
    public async Task<IDisposable?> TakeTurnAsync(CancellationToken ct)
    {
        if (spacing <= TimeSpan.Zero)
        {
            return null;
        }

        await gate.WaitAsync(ct);
        try
        {
            var wait = lastEnded is { } previous ? previous + spacing - clock.GetUtcNow() : TimeSpan.Zero;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, ct);
            }
        }
        catch
        {
            gate.Release();
            throw;
        }

        return new Turn(this);
    }

    public void Dispose() => gate.Dispose();

    private void EndTurn()
    {
        lastEnded = clock.GetUtcNow();
        gate.Release();
    }

    private sealed class Turn(RequestPacer pacer) : IDisposable
    {
        public void Dispose() => pacer.EndTurn();
    }
}
