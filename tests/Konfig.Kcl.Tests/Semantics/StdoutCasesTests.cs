using FluentAssertions;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Tests.Conformance;
using Xunit.Abstractions;

namespace Konfig.Kcl.Tests.Semantics;

/// <summary>
/// The checker must never reject a valid program: over every conformance case that is expected to run
/// (stdout.golden), it reports no error.
/// </summary>
public sealed class StdoutCasesTests(ITestOutputHelper output)
{
    [RequiresSharedFact("kcl-conformance")]
    public void CheckerReportsNoErrorOnValidPrograms()
    {
        var corpus = SharedPaths.SharedFolder("kcl-conformance")!;
        var failures = new List<string>();
        foreach (var testCase in ManifestReader.Read(Path.Combine(corpus, "_manifest.tsv")).Where(c => c.Expect == Expectation.Stdout))
        {
            var directory = Path.Combine(corpus, testCase.Path);
            var diagnostics = CheckerHarness.CheckCase(directory, testCase.KclOptions);
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                failures.Add(testCase.Path + "\n" + CheckerHarness.Format(diagnostics));
            }
        }

        output.WriteLine(string.Join("\n", failures));
        failures.Should().BeEmpty();
    }

    [RequiresSharedFact("kcl-snapshots")]
    public void CheckerReportsNoErrorOnSnapshotPrograms()
    {
        var corpus = SharedPaths.SharedFolder("kcl-snapshots")!;
        var failures = new List<string>();
        foreach (var directory in Directory.GetDirectories(corpus).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(directory, "main.k")))
            {
                continue;
            }

            var diagnostics = CheckerHarness.CheckCase(directory, string.Empty);
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                failures.Add(directory + "\n" + CheckerHarness.Format(diagnostics));
            }
        }

        output.WriteLine(string.Join("\n", failures));
        failures.Should().BeEmpty();
    }

    /// <summary>Every stack of the Konfig reference monorepo, compiled with the files its kcl.yaml lists.</summary>
    [RequiresSharedFact("konfig-reference")]
    public void CheckerReportsNoErrorOnKonfigStacks()
    {
        var root = SharedPaths.SharedFolder("konfig-reference")!;
        var failures = new List<string>();
        var checkedStacks = 0;
        foreach (var settings in Directory.GetFiles(root, "kcl.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var stack = Path.GetDirectoryName(settings)!;
            var files = StackFiles(settings, root).ToList();
            if (files.Count == 0)
            {
                continue;
            }

            checkedStacks++;
            var main = FolderPackageResolver.LoadMain(stack, files);
            var diagnostics = CheckerHarness.Run(main, new FolderPackageResolver(root));
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                failures.Add(stack + "\n" + CheckerHarness.Format(diagnostics));
            }
        }

        output.WriteLine($"{checkedStacks} stacks checked");
        output.WriteLine(string.Join("\n", failures));
        checkedStacks.Should().BePositive();
        failures.Should().BeEmpty();
    }

    private static IEnumerable<string> StackFiles(string settings, string root)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        using (var reader = new StreamReader(settings))
        {
            yaml.Load(reader);
        }

        if (yaml.Documents.Count == 0
            || yaml.Documents[0].RootNode is not YamlDotNet.RepresentationModel.YamlMappingNode document
            || !document.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("kcl_cli_configs"), out var configs)
            || configs is not YamlDotNet.RepresentationModel.YamlMappingNode configMap
            || !configMap.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("file"), out var fileNode)
            || fileNode is not YamlDotNet.RepresentationModel.YamlSequenceNode fileList)
        {
            yield break;
        }

        foreach (var item in fileList.Children.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>())
        {
            var path = item.Value!.Replace("${KCL_MOD}", root, StringComparison.Ordinal);
            var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(settings)!, path));
            if (File.Exists(full))
            {
                yield return full;
            }
        }
    }
}
