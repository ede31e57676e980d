using Konfig.Kcl.Compilation;
using Konfig.Kcl.Values;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Files;
using Konfig.Workspace.Specs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Konfig.Workspace.Golden;

/// <summary>
/// A stack's <c>ci-test/stdout.golden.yaml</c>: the spec it should compile to. Checking compares by meaning
/// (<see cref="SpecComparer"/>), so goldens written by kusion's Go emitter and by ours both work; updating
/// writes the spec with <see cref="SpecWriter"/>, only when the bytes change, replacing the file atomically.
/// </summary>
public static class GoldenFile
{

    public static GoldenResult Check(StackCompilation compilation)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        if (compilation.Spec is not { } spec)
        {
            return new GoldenResult(compilation, GoldenStatus.CompileFailed, "compile failed");
        }

        var path = compilation.Stack.GoldenPath;
        if (!File.Exists(path))
        {
            return new GoldenResult(compilation, GoldenStatus.NoGolden, $"no {Discovery.Stack.CiTestFolder}/{Discovery.Stack.GoldenName} (write it with --update)");
        }

        var (expected, error) = Read(path);
        if (expected is null)
        {
            return new GoldenResult(compilation, GoldenStatus.BadGolden, error);
        }

        var difference = SpecComparer.FindFirstDifference(WithoutEmptyOptionalFields(expected), SpecWriter.ToValue(spec));
        return difference is null
            ? new GoldenResult(compilation, GoldenStatus.Match, null)
            : new GoldenResult(compilation, GoldenStatus.Mismatch, difference.ToString());
    }

    /// <summary>Writes the spec as the stack's golden (when it compiled and the text changes).</summary>
    public static GoldenResult Update(StackCompilation compilation)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        if (compilation.Spec is not { } spec)
        {
            return new GoldenResult(compilation, GoldenStatus.CompileFailed, "compile failed; golden left as it was");
        }

        var path = compilation.Stack.GoldenPath;
        var text = SpecWriter.Write(spec);
        try
        {
            if (File.Exists(path) && string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal))
            {
                return new GoldenResult(compilation, GoldenStatus.Unchanged, null);
            }

            AtomicFile.WriteAllText(path, text);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new GoldenResult(compilation, GoldenStatus.BadGolden, $"cannot write the golden: {exception.Message}");
        }

        return new GoldenResult(compilation, GoldenStatus.Updated, null);
    }

    /// <summary>The golden's content as plain data (an empty file is an empty list); null with the reason when unreadable.</summary>
    public static (KclValue? Value, string? Error) Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read the golden: {exception.Message}");
        }

        return Parse(text);
    }

    public static (KclValue? Value, string? Error) Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception exception) when (exception is YamlException or InvalidOperationException)
        {
            return (null, $"the golden is not valid YAML: {exception.Message}");
        }

        if (stream.Documents.Count > 1)
        {
            return (null, $"the golden holds {stream.Documents.Count} YAML documents; it must hold one list of resources");
        }

        var value = stream.Documents.Count == 0 ? NoneValue.Instance : YamlValueConverter.Convert(stream.Documents[0].RootNode);
        return (value is NoneValue ? new ListValue() : value, null);
    }

    /// <summary>
    /// Resources whose <c>dependsOn</c> or <c>extensions</c> is empty or null mean the same as without them
    /// (kusion omits them when empty, as <see cref="SpecWriter"/> does), so a golden may spell them either way.
    /// </summary>
    private static KclValue WithoutEmptyOptionalFields(KclValue golden)
    {
        if (golden is not ListValue resources)
        {
            return golden;
        }

        var normalized = new ListValue();
        foreach (var item in resources.Items)
        {
            if (item is DictValue record && (IsEmpty(record["dependsOn"]) || IsEmpty(record["extensions"])))
            {
                var copy = new DictValue();
                foreach (var (key, value) in record.Entries)
                {
                    if (!(key is "dependsOn" or "extensions" && IsEmpty(value)))
                    {
                        copy.Set(key, value);
                    }
                }

                normalized.Items.Add(copy);
            }
            else
            {
                normalized.Items.Add(item);
            }
        }

        return normalized;
    }

    private static bool IsEmpty(KclValue? value) => value is NoneValue or ListValue { Items.Count: 0 } or DictValue { Count: 0 };
}
