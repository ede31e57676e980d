using System.Globalization;
using System.Text.Json.Nodes;
using Konfig.Engine.Resources;
using Konfig.Engine.State;
using Konfig.Kubernetes;

namespace Konfig.Engine.Planning;

/// <summary>
/// Works out what applying a stack would do, without changing anything: for each resource of the spec,
/// the object as it is (GET) against the object as it would be (a server-side apply dry run, so server
/// defaults, admission and field ownership are all accounted for), compared field by field with the
/// server-managed and <c>--ignore-fields</c> fields left out; for each resource of the prior state that
/// left the spec, a delete (with a note when it is a Namespace or CRD that resources of the spec still
/// need: <see cref="DeletionGuard"/>; apply will keep it and fail it). Resources are looked at concurrently (<see cref="PreviewOptions.Parallelism"/>)
/// and reported in apply order. A resource that cannot be previewed (an API error, a type other than
/// Kubernetes) is an error in the preview, never an exception; only cancellation throws.
/// </summary>
public sealed class PreviewPlanner
{
    private readonly IKubernetesClient _client;
    private readonly PreviewOptions _options;

    public PreviewPlanner(IKubernetesClient client, PreviewOptions? options = null)
    {
        _client = client;
        _options = options ?? new PreviewOptions();
    }

    /// <param name="stack">The stack's name, for the outputs.</param>
    /// <param name="desired">The compiled spec's resources (<see cref="DesiredResource.FromSpec"/>).</param>
    /// <param name="prior">What was applied last (null: nothing yet); its resources missing from the spec are deleted.</param>
    public async Task<Preview> PreviewAsync(string stack, IReadOnlyList<DesiredResource> desired, StackState? prior, CancellationToken cancellationToken = default)
    {
        var (ignored, ignoreErrors) = IgnoredFields.Create(_options.IgnoreFields);
        var stackErrors = ignoreErrors.Select(e => new PreviewMessage(null, e)).ToList();
        var (graph, graphError) = ResourceGraph.Build(desired);
        if (graph is null)
        {
            return new Preview(stack, prior?.Key, [], [], [.. stackErrors, new PreviewMessage(null, graphError!)]);
        }

        var byId = desired.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var removed = (prior?.Resources ?? []).Where(r => !byId.ContainsKey(r.Id)).ToList();
        var plan = new PlanScope(desired);
        var guard = new DeletionGuard(desired);
        using var gate = new SemaphoreSlim(Math.Max(1, _options.Parallelism));
        var work = graph.Levels.SelectMany(level => level)
            .Select(id => Bounded(gate, () => PreviewDesiredAsync(byId[id], ignored, plan, cancellationToken), cancellationToken))
            .Concat(DeleteOrder(removed).Select(r => Bounded(gate, () => PreviewDeleteAsync(r, ignored, guard, cancellationToken), cancellationToken)))
            .ToList();
        var outcomes = await Task.WhenAll(work).ConfigureAwait(false);

        // Messages are scrubbed of every secret value seen anywhere in the plan: an API error about one
        // object may quote another's manifest.
        var secrets = outcomes.SelectMany(o => o.Secrets).ToList();
        PreviewMessage Scrubbed(PreviewMessage m) => m with { Message = SecretMasking.Scrub(m.Message, secrets) };
        return new Preview(
            stack,
            prior?.Key,
            [.. outcomes.Where(o => o.Change is not null).Select(o => o.Change!)],
            [.. ScopeNotes(outcomes), .. outcomes.Where(o => o.Note is not null).Select(o => Scrubbed(o.Note!))],
            [.. stackErrors, .. outcomes.Where(o => o.Error is not null).Select(o => Scrubbed(o.Error!))]);
    }

    private async Task<Outcome> PreviewDesiredAsync(DesiredResource resource, IgnoredFields ignored, PlanScope plan, CancellationToken cancellationToken)
    {
        if (!resource.IsKubernetes)
        {
            return Outcome.Failed(resource.Id, $"unsupported resource type '{resource.Type}': only {DesiredResource.KubernetesType} resources can be previewed");
        }

        if (ReferenceOf(resource.Manifest) is not { } reference)
        {
            return Outcome.Failed(resource.Id, "the manifest needs apiVersion, kind and metadata.name (as strings)");
        }

        var secrets = SecretMasking.SecretValues(resource.Manifest).ToList();
        if (plan.DefinesKind(reference))
        {
            try
            {
                if (await _client.FindKindAsync(reference.ApiVersion, reference.Kind, cancellationToken).ConfigureAwait(false) is null)
                {
                    var group = reference.ApiVersion[..reference.ApiVersion.IndexOf('/')];
                    return CreateFromSpec(
                        resource, reference, ignored, secrets,
                        "its CustomResourceDefinition is created by this apply, so the server cannot dry-run it yet; shown as written in the spec",
                        new NewScope($"the CustomResourceDefinition of {reference.Kind} ({group})", "of that kind"));
                }
            }
            catch (Exception e) when (IsApiFailure(e, cancellationToken))
            {
                return Outcome.Failed(resource.Id, $"discovery of {reference.ApiVersion} {reference.Kind} failed: {Describe(e)}", secrets);
            }
        }

        // The GET and the dry run are independent: issue both before waiting for either.
        var liveTask = _client.GetAsync(reference, cancellationToken);
        var dryRunTask = _client.ApplyAsync(resource.Manifest.DeepClone().AsObject(), new ApplyOptions(_options.FieldManager, _options.ForceConflicts, DryRun: true), cancellationToken);
        var (live, liveError) = await Attempt(liveTask, cancellationToken).ConfigureAwait(false);
        var (dryRun, dryRunError) = await Attempt(dryRunTask!, cancellationToken).ConfigureAwait(false);
        secrets.AddRange(SecretMasking.SecretValues(live));
        secrets.AddRange(SecretMasking.SecretValues(dryRun));
        if (liveError is not null)
        {
            return Outcome.Failed(resource.Id, $"reading the live object failed: {Describe(liveError)}", secrets);
        }

        if (dryRunError is not null)
        {
            if (live is null && dryRunError is KubernetesApiException { StatusCode: 404 } && reference.Namespace is { } ns && plan.CreatesNamespace(ns))
            {
                return CreateFromSpec(
                    resource, reference, ignored, secrets,
                    $"namespace '{ns}' is created by this apply, so the server cannot dry-run this yet; shown as written in the spec",
                    new NewScope($"namespace '{ns}'", "in it"));
            }

            return Outcome.Failed(resource.Id, $"server-side apply dry run failed: {Describe(dryRunError)}", secrets);
        }

        // An object that names no namespace lands in the context's: show where, as the server said.
        if (reference.Namespace is null && dryRun!["metadata"]?["namespace"] is JsonValue landed && landed.TryGetValue<string>(out var landedIn))
        {
            reference = reference with { Namespace = landedIn };
        }

        var after = ignored.Strip(dryRun!);
        var before = live is null ? null : ignored.Strip(live);
        var differences = ObjectDiff.Compare(before, after, ignored);
        var action = live is null ? ChangeAction.Create : differences.Count == 0 ? ChangeAction.UnChanged : ChangeAction.Update;
        return new Outcome(Masked(resource.Id, action, reference, after, before, differences), null, null, secrets);
    }

    /// <summary>A create shown as the spec writes it, because <paramref name="scope"/> does not exist yet; the note is per resource, and summed up per scope.</summary>
    private static Outcome CreateFromSpec(DesiredResource resource, ObjectReference reference, IgnoredFields ignored, List<string> secrets, string note, NewScope scope)
    {
        var after = ignored.Strip(resource.Manifest);
        var change = Masked(resource.Id, ChangeAction.Create, reference, after, null, ObjectDiff.Compare(null, after, ignored));
        return new Outcome(change, new PreviewMessage(resource.Id, note, SummedUp: true), null, secrets) { Scope = scope };
    }

    /// <summary>One stack note per new namespace or CRD, instead of the same note on every resource it holds.</summary>
    private static IEnumerable<PreviewMessage> ScopeNotes(IEnumerable<Outcome> outcomes) =>
        outcomes.Where(o => o.Scope is not null).GroupBy(o => o.Scope!).Select(g => new PreviewMessage(
            null,
            g.Count() == 1
                ? $"{g.Key.What} is created by this apply: the server cannot dry-run what depends on it yet, so 1 resource {g.Key.Members} is shown as written in the spec"
                : string.Create(CultureInfo.InvariantCulture, $"{g.Key.What} is created by this apply: the server cannot dry-run what depends on it yet, so {g.Count()} resources {g.Key.Members} are shown as written in the spec")));

    private async Task<Outcome> PreviewDeleteAsync(StateResource resource, IgnoredFields ignored, DeletionGuard guard, CancellationToken cancellationToken)
    {
        if (resource.Type != DesiredResource.KubernetesType)
        {
            return Outcome.Failed(resource.Id, $"unsupported resource type '{resource.Type}': it left the spec, but only {DesiredResource.KubernetesType} resources can be deleted");
        }

        var secrets = SecretMasking.SecretValues(resource.Attributes).ToList();
        if (ReferenceOf(resource.Attributes) is not { } reference)
        {
            return Outcome.Failed(resource.Id, "it left the spec, but its state entry has no apiVersion, kind and metadata.name", secrets);
        }

        var (live, error) = await Attempt(_client.GetAsync(reference, cancellationToken), cancellationToken).ConfigureAwait(false);
        secrets.AddRange(SecretMasking.SecretValues(live));
        if (error is not null)
        {
            return Outcome.Failed(resource.Id, $"reading the live object failed: {Describe(error)}", secrets);
        }

        var change = Masked(resource.Id, ChangeAction.Delete, reference, null, live is null ? null : ignored.Strip(live), []);
        // A Delete that apply will refuse is still shown, as the plan asks for it, with apply's reason as its
        // note. A note, not an error: an error stops `konfig apply` as a whole, and apply is meant to go on
        // with the rest, failing only this resource.
        var note = guard.WhyKeep(resource) is { } refused
            ? new PreviewMessage(resource.Id, refused)
            : live is null ? new PreviewMessage(resource.Id, "already gone from the cluster: nothing to delete, only its state entry goes") : null;
        return new Outcome(change, note, null, secrets);
    }

    private static ResourceChange Masked(string id, ChangeAction action, ObjectReference reference, JsonObject? after, JsonObject? before, IReadOnlyList<FieldDifference> differences)
    {
        var isSecret = SecretMasking.IsSecret(reference);
        return new ResourceChange(
            id,
            action,
            reference,
            SecretMasking.MaskObject(after, isSecret),
            SecretMasking.MaskObject(before, isSecret),
            [.. differences.Select(d => SecretMasking.MaskChange(d, isSecret))]);
    }

    /// <summary>Deletes go dependents first: the removed resources' own graph, levels backwards.</summary>
    private static IEnumerable<StateResource> DeleteOrder(List<StateResource> removed)
    {
        var asResources = removed.Select(r => new DesiredResource(r.Id, r.Type, r.Attributes, r.DependsOn)).ToList();
        var byId = removed.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var (graph, _) = ResourceGraph.Build(asResources);

        // A state that names an id twice or holds a cycle was not written by us; fall back to reverse state order.
        return graph is null
            ? Enumerable.Reverse(removed)
            : graph.Levels.Reverse().SelectMany(level => level).Select(id => byId[id]);
    }

    private static async Task<Outcome> Bounded(SemaphoreSlim gate, Func<Task<Outcome>> work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<(JsonObject? Value, Exception? Error)> Attempt(Task<JsonObject?> task, CancellationToken cancellationToken)
    {
        try
        {
            return (await task.ConfigureAwait(false), null);
        }
        catch (Exception e) when (IsApiFailure(e, cancellationToken))
        {
            return (null, e);
        }
    }

    /// <summary>What the environment can do to a call: an API error, a network failure, a timeout (not our cancellation).</summary>
    private static bool IsApiFailure(Exception e, CancellationToken cancellationToken) =>
        e is KubernetesApiException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Describe(Exception e) => e switch
    {
        KubernetesApiException { IsConflict: true } api => $"{api.Reason} ({api.StatusCode}): {api.Message} (--force-conflicts takes the fields over)",
        KubernetesApiException { StatusCode: 0 } api => $"{api.Reason}: {api.Message}",
        KubernetesApiException api => $"{api.Reason} ({api.StatusCode}): {api.Message}",
        OperationCanceledException => "the request timed out",
        _ => e.Message,
    };

    /// <summary><see cref="ObjectReference.Of"/>, but a field of the wrong JSON type gives null rather than throwing.</summary>
    private static ObjectReference? ReferenceOf(JsonObject manifest)
    {
        try
        {
            return ObjectReference.Of(manifest);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private sealed record Outcome(ResourceChange? Change, PreviewMessage? Note, PreviewMessage? Error, IReadOnlyList<string> Secrets)
    {
        /// <summary>The namespace or CRD this apply creates that the change was shown without (null: dry-run as usual).</summary>
        public NewScope? Scope { get; init; }

        public static Outcome Failed(string id, string message, IReadOnlyList<string>? secrets = null) =>
            new(null, null, new PreviewMessage(id, message), secrets ?? []);
    }

    /// <summary>A namespace or CRD this apply creates, as its stack note names it ("namespace 'shop'"), and how its resources relate to it ("in it").</summary>
    private sealed record NewScope(string What, string Members);

    /// <summary>What the spec itself creates that the server cannot know yet: namespaces, and kinds from CRDs.</summary>
    private sealed class PlanScope
    {
        private readonly HashSet<string> _namespaces = new(StringComparer.Ordinal);
        private readonly HashSet<(string Group, string Kind)> _kinds = [];

        public PlanScope(IReadOnlyList<DesiredResource> resources)
        {
            foreach (var resource in resources.Where(r => r.IsKubernetes))
            {
                var reference = ReferenceOf(resource.Manifest);
                if (reference is { ApiVersion: "v1", Kind: "Namespace" })
                {
                    _namespaces.Add(reference.Name);
                }
                else if (reference is { Kind: "CustomResourceDefinition" }
                    && resource.Manifest["spec"]?["group"] is JsonValue g && g.TryGetValue<string>(out var group)
                    && resource.Manifest["spec"]?["names"]?["kind"] is JsonValue k && k.TryGetValue<string>(out var kind))
                {
                    _kinds.Add((group, kind));
                }
            }
        }

        public bool CreatesNamespace(string name) => _namespaces.Contains(name);

        public bool DefinesKind(ObjectReference reference)
        {
            var slash = reference.ApiVersion.IndexOf('/');
            return slash > 0 && _kinds.Contains((reference.ApiVersion[..slash], reference.Kind));
        }
    }
}
