namespace Konfig.Kcl.Tests.Conformance;

/// <summary>
/// A fact that needs <c>shared/{folder}</c>. xunit 2 has no dynamic skip, so the skip reason is computed
/// when the attribute is created: without the folder the test shows as skipped, never as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresSharedFactAttribute : FactAttribute
{
    public RequiresSharedFactAttribute(string folder)
    {
        Folder = folder;
        if (SharedPaths.WhyMissing(folder) is { } reason)
        {
            Skip = reason;
        }
    }

    public string Folder { get; }
}
