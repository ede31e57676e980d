using FluentAssertions;
using Konfig.Bot.Checks;
using Konfig.Bot.Comments;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;

namespace Konfig.Bot.Tests.Comments;

/// <summary>A stack that does not compile, compiled for real: its KCL errors reach the comment and the check run with file and line.</summary>
public sealed class CompileErrorCommentTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("konfig-bot-kcl-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    [Fact]
    public void KCL_errors_show_with_the_repository_relative_file_and_line()
    {
        Write("konfig/kcl.mod", "[package]\nname = \"test\"\n");
        Write("konfig/apps/web/project.yaml", "name: web\n");
        Write("konfig/apps/web/dev/stack.yaml", "name: dev\n");
        Write("konfig/apps/web/dev/kcl.yaml", "kcl_cli_configs:\n  file:\n    - main.k\n");
        Write("konfig/apps/web/dev/ci-test/settings.yaml", "kcl_options: []\n");
        Write("konfig/apps/web/dev/main.k", "a = 1\nb = 2\nassert a == b, \"replicas must match\"\n");
        var stack = WorkspaceDiscovery.Discover(Path.Combine(_root, "konfig")).Stacks.Single();

        var compilation = new StackCompiler().Compile(stack, StackCompileOptions.Default);
        var result = StackResult.FromCompilation("konfig/apps/web/dev", compilation, _root);

        compilation.Success.Should().BeFalse();
        var error = result.Errors.Should().ContainSingle().Subject;
        error.File.Should().Be("konfig/apps/web/dev/main.k");
        error.Line.Should().Be(3);
        error.Message.Should().Contain("replicas must match");

        var body = PreviewComment.Render("abc", [result]).Single();
        body.Should().Contain("<code>konfig/apps/web/dev/main.k:3</code>: ").And.Contain("replicas must match");

        var annotation = CheckRuns.ForStack(result).AnnotationBatches.Single().Single();
        (annotation.Path, annotation.StartLine, annotation.AnnotationLevel).Should().Be(("konfig/apps/web/dev/main.k", 3, "failure"));
    }
}
