using Konfig.Engine.State;
using Konfig.Kubernetes;

namespace Konfig.Engine.Apply;

/// <summary>
/// Destroys a stack: deletes everything its state holds, dependents first, level by level in parallel,
/// saving the state after each deletion and removing it once empty. What could not be deleted stays in
/// the state, so a re-run picks it up.
/// </summary>
public sealed class StackDestroyer(IKubernetesClient client, StackApplyOptions? options = null)
{
    private readonly StackApplyOptions _options = options ?? new StackApplyOptions();

    public async Task<ApplyResult> DestroyAsync(
        StackState? prior,
        IStateLock stateLock,
        IProgress<ApplyEvent>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (prior is null)
        {
            return new ApplyResult([], Cancelled: false);
        }

        var writer = new StateWriter(stateLock, prior, _options.Tenant, _options.Clock, []);
        var deadline = _options.Clock.GetUtcNow() + _options.Timeout;
        var deleter = new ResourceDeleter(client, writer, _options, progress, deadline, () => cancellationToken.IsCancellationRequested);
        var outcomes = await deleter.DeleteAsync(prior.Resources, cancellationToken);
        if (deleter.FatalError is { } error)
        {
            return new ApplyResult(outcomes, cancellationToken.IsCancellationRequested, error);
        }

        if (writer.Count == 0)
        {
            try
            {
                await writer.DeleteStateAsync();
            }
            catch (StateException e)
            {
                return new ApplyResult(outcomes, cancellationToken.IsCancellationRequested, $"everything was deleted, but the state could not be removed: {e.Message}");
            }
        }

        return new ApplyResult(outcomes, cancellationToken.IsCancellationRequested);
    }
}
