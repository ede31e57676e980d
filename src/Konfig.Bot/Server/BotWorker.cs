using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Konfig.Bot.Server;

/// <summary>
/// Runs the queued jobs in the background, <c>workers</c> at a time. On shutdown the jobs in flight are cancelled
/// (a preview only reads, so it is safe to stop halfway) and jobs still waiting are dropped: GitHub's next event
/// for the pull request, or <c>/konfig preview</c>, asks again.
/// </summary>
public sealed class BotWorker(BotJobQueue queue, BotJobHandler handler, int workers, ILogger<BotWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(() => LoopAsync(stoppingToken), CancellationToken.None)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            BotJob job;
            try
            {
                job = await queue.TakeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await handler.HandleAsync(job, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("delivery {Delivery}: cancelled by shutdown", job.DeliveryId);
            }
            // One failed job (GitHub down, a broken checkout) must not stop the worker.
            catch (Exception error)
            {
                logger.LogError(error, "delivery {Delivery}: {Action} failed", job.DeliveryId, job.Action);
            }
            finally
            {
                queue.Done(job);
            }
        }
    }
}
