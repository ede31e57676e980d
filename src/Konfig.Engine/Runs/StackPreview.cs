using Konfig.Engine.Planning;
using Konfig.Engine.Resources;
using Konfig.Engine.State;
using Konfig.Workspace.Discovery;

namespace Konfig.Engine.Runs;

/// <summary>A stack as previewed: its compiled resources (empty for a destroy), the state the preview read, and the preview.</summary>
public sealed record StackPreview(Stack Stack, IReadOnlyList<DesiredResource> Resources, StackState? Prior, Preview Preview);
