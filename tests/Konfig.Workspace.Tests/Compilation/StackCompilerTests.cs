using FluentAssertions;
using Konfig.Kcl.Compilation;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;

namespace Konfig.Workspace.Tests.Compilation;

public sealed class StackCompilerTests : IDisposable
{
    private readonly TemporaryWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Compiles_a_stack_with_its_settings_into_a_spec()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/dev", "dev", namespaces: "[a, b]");

        var compilation = new StackCompiler().Compile(WorkspaceDiscovery.Discover(_workspace.Root).Stacks.Single(), StackCompileOptions.Default);

        compilation.Success.Should().BeTrue();
        compilation.Spec!.Resources.Select(r => r.Id).Should().Equal("v1:Namespace:a", "v1:Namespace:b");
        compilation.Spec.Resources[1].DependsOn.Should().Equal("v1:Namespace:a");
    }

    [Fact]
    public void User_arguments_win_over_the_stack_options_and_user_settings_come_last()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/dev", "dev", namespaces: "[a]", body: "suffix = option(\"suffix\")\n");
        var extra = _workspace.Write("extra.yaml", "kcl_options:\n  - key: namespaces\n    value: [from-file]\n");
        var stack = WorkspaceDiscovery.Discover(_workspace.Root).Stacks.Single();

        var fromFile = new StackCompiler().Compile(stack, new StackCompileOptions { SettingsFiles = [extra] });
        var fromArgument = new StackCompiler().Compile(stack, new StackCompileOptions
        {
            SettingsFiles = [extra],
            Arguments = [new KeyValuePair<string, string>("namespaces", "[\"from-argument\"]")],
        });

        fromFile.Spec!.Resources.Single().Id.Should().Be("v1:Namespace:from-file");
        fromArgument.Spec!.Resources.Single().Id.Should().Be("v1:Namespace:from-argument");
    }

    [Fact]
    public void A_failing_stack_fails_alone_and_results_keep_stack_order()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/a-broken", "broken", body: "assert False, \"the check failed\"\n");
        _workspace.Stack("app/b-syntax", "syntax", body: "x = = 1\n");
        _workspace.Stack("app/c-good", "good", namespaces: "[c]");
        var stacks = WorkspaceDiscovery.Discover(_workspace.Root).Stacks;

        var results = new StackCompiler().CompileAll(stacks, new StackCompileOptions { MaxParallelism = 3 });

        results.Select(r => (r.Stack.Path, r.Success)).Should().Equal(("app/a-broken", false), ("app/b-syntax", false), ("app/c-good", true));
        results[0].KclDiagnostics.Should().Contain(d => d.Message.Contains("the check failed"));
        results[1].KclDiagnostics.Should().NotBeEmpty();
        results[2].Spec!.Resources.Single().Id.Should().Be("v1:Namespace:c");
    }

    [Fact]
    public void A_stack_with_broken_metadata_fails_without_running_the_compiler()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/dev", "dev");
        _workspace.Write("app/dev/stack.yaml", "name: [dev]\n");
        var calls = 0;
        var compiler = new StackCompiler(options =>
        {
            Interlocked.Increment(ref calls);
            return KclRunner.Run(options);
        });

        var result = compiler.Compile(WorkspaceDiscovery.Discover(_workspace.Root).Stacks.Single(), StackCompileOptions.Default);

        result.Success.Should().BeFalse();
        result.Errors.Select(e => e.Format(_workspace.Root)).Should().Equal("app/dev/stack.yaml:1:7: field 'name' must be a string, not a list");
        calls.Should().Be(0);
    }

    [Fact]
    public void Stacks_share_parsed_packages()
    {
        _workspace.Project("app", "app");
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            _workspace.Stack($"app/{name}", name, namespaces: $"[{name}]");
        }

        var cache = new ParseCache();
        var results = new StackCompiler(cache).CompileAll(WorkspaceDiscovery.Discover(_workspace.Root).Stacks, new StackCompileOptions { MaxParallelism = 4 });

        results.Should().OnlyContain(r => r.Success);
        cache.ParseCount.Should().Be(5, "render.k is parsed once for all four stacks, plus each stack's main.k");
    }

    [Fact]
    public void Output_that_is_not_resources_fails_the_stack()
    {
        _workspace.Project("app", "app");
        _workspace.Write("app/dev/stack.yaml", "name: dev\n");
        _workspace.Write("app/dev/kcl.yaml", "kcl_cli_configs:\n  file: [main.k]\n");
        _workspace.Write("app/dev/main.k", "a = 1\n");

        var result = new StackCompiler().Compile(WorkspaceDiscovery.Discover(_workspace.Root).Stacks.Single(), StackCompileOptions.Default);

        result.Success.Should().BeFalse();
        result.Errors.Select(e => e.Message).Should().Equal("document 1 (line 1): field 'id' must be a non-empty string");
    }

    [Fact]
    public void The_crd_folder_beside_a_stack_ends_its_spec()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/dev", "dev", namespaces: "[a]");
        _workspace.Write("app/crd/b.yaml", "# a comment\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n---\n");
        _workspace.Write("app/crd/a.yml", "apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: one\n  namespace: a\n");
        _workspace.Write("app/crd/notes.txt", "not a manifest\n");

        var compilation = new StackCompiler().Compile(WorkspaceDiscovery.Discover(_workspace.Root).Stacks.Single(), StackCompileOptions.Default);

        compilation.Success.Should().BeTrue();
        compilation.Spec!.Resources.Select(r => (r.Id, r.Type)).Should().Equal(
            ("v1:Namespace:a", "Kubernetes"),
            ("example.com/v1:Thing:a:one", "Kubernetes"),
            ("apiextensions.k8s.io/v1:CustomResourceDefinition:things.example.com", "Kubernetes"));
    }

    [Fact]
    public void A_crd_without_a_name_fails_the_stack_naming_the_file()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/dev", "dev", namespaces: "[a]");
        var file = _workspace.Write("app/crd/bad.yaml", "apiVersion: v1\nkind: Thing\nmetadata: {}\n");

        var compilation = new StackCompiler().Compile(WorkspaceDiscovery.Discover(_workspace.Root).Stacks.Single(), StackCompileOptions.Default);

        compilation.Success.Should().BeFalse();
        compilation.Spec.Should().BeNull();
        compilation.Errors.Should().ContainSingle().Which.File.Should().Be(file);
    }
}
