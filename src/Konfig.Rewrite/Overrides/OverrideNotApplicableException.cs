namespace Konfig.Rewrite.Overrides;

/// <summary>A spec that is valid but cannot be applied to this file; turned into an error result by <see cref="FileOverride"/>.</summary>
internal sealed class OverrideNotApplicableException(string message) : Exception(message);
