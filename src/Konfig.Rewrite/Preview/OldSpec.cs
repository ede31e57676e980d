using Konfig.Kcl.Values;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;
using Konfig.Workspace.Golden;
using Konfig.Workspace.Specs;

namespace Konfig.Rewrite.Preview;

/// <summary>
/// A stack's spec before a rewrite. Its committed golden when that is up to date, which saves compiling every
/// touched stack twice: the golden must be readable and no older than the stack's settings and the KCL files they
/// list (CI keeps goldens in step with the rest: <c>konfig test</c>). Otherwise the stack is compiled from the disk,
/// where the old texts still are (a rewrite writes only after its preview).
/// </summary>
internal sealed class OldSpec(StackCompiler diskCompiler, StackCompileOptions options)
{
    public (IReadOnlyList<Resource>? Resources, PreviewBaseline Baseline, string? Error) Of(Stack stack)
    {
        if (FromGolden(stack) is { } golden)
        {
            return (golden, PreviewBaseline.Golden, null);
        }

        var compilation = diskCompiler.Compile(stack, options);
        return compilation.Spec is { } spec
            ? (spec.Resources, PreviewBaseline.Compiled, null)
            : (null, PreviewBaseline.Compiled, "no preview: the stack did not compile before the rewrite");
    }

    private static IReadOnlyList<Resource>? FromGolden(Stack stack)
    {
        var path = stack.GoldenPath;
        if (!File.Exists(path) || !IsNewerThanItsSources(stack, File.GetLastWriteTimeUtc(path)))
        {
            return null;
        }

        var (value, _) = GoldenFile.Read(path);
        if (value is not ListValue records)
        {
            return null;
        }

        var resources = new List<Resource>(records.Items.Count);
        foreach (var record in records.Items)
        {
            var (resource, error) = SpecReader.FromValue(record, path);
            if (error is not null)
            {
                return null;
            }

            resources.Add(resource!);
        }

        return resources;
    }

    private static bool IsNewerThanItsSources(Stack stack, DateTime goldenTime)
    {
        IEnumerable<string> sources = [.. stack.KclYaml?.Files ?? [], .. stack.CiSettings?.Files ?? []];
        sources = sources.Concat(new[] { stack.KclYaml?.Path, stack.CiSettings?.Path }.OfType<string>());
        return sources.Where(File.Exists).All(source => File.GetLastWriteTimeUtc(source) <= goldenTime);
    }
}
