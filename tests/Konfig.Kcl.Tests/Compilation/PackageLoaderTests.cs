using FluentAssertions;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Evaluation;
using Xunit;

namespace Konfig.Kcl.Tests.Compilation;

public class PackageLoaderTests
{
    [Theory]
    [InlineData("path/to/app/file.k", ".sub", "path.to.app.sub")]
    [InlineData("path/to/app/file.k", "..sub", "path.to.sub")]
    [InlineData("path/to/app/file.k", "...sub", "path.sub")]
    [InlineData("path/to/app/file.k", "....sub", "sub")]
    [InlineData("path/to/app/file.k", ".....sub", "")]
    [InlineData("path/to/app/file.k", "path.to.sub", "path.to.sub")]
    [InlineData("file.k", ".sub", "sub")]
    [InlineData("file.k", "..sub", "")]
    [InlineData("app-main/main.k", ".some0..pkg1", "app-main.some0..pkg1")]
    public void Relative_imports_become_paths_from_the_root(string file, string import, string expected)
    {
        var root = Path.GetFullPath("/home/konfig");
        PackageLoader.FixImportPath(root, Path.Combine(root, file), import).Should().Be(expected);
    }

    [Fact]
    public void Package_folders_skip_test_and_underscore_files_and_sort()
    {
        using var folder = new TemporaryFolder();
        folder.Write("pkg/b.k", string.Empty);
        folder.Write("pkg/a.k", string.Empty);
        folder.Write("pkg/a_test.k", string.Empty);
        folder.Write("pkg/_hidden.k", string.Empty);
        folder.Write("pkg/notes.txt", string.Empty);

        PackageLoader.GetPackageFiles(folder.Combine("pkg")).Select(Path.GetFileName).Should().Equal("a.k", "b.k");
    }

    [Fact]
    public void Every_system_module_imports_without_files()
    {
        using var folder = new TemporaryFolder();
        var imports = string.Concat(Konfig.Kcl.Modules.SystemModules.ModuleNames.Select(name => $"import {name}\n"));
        var main = folder.Write("main.k", imports);
        var loader = new PackageLoader(new ParseCache(), folder.Path, new Dictionary<string, string>());

        loader.LoadImports(loader.LoadMain([main]));

        imports.Should().Contain("import base32\n");
        loader.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Resolves_folders_files_nested_and_relative_imports_once_each()
    {
        using var folder = new TemporaryFolder();
        folder.Write("kcl.mod", string.Empty);
        var main = folder.Write("app/main.k", "import pkg\nimport mod\nimport .local\nimport deep.er.leaf as leaf\nimport math\n");
        folder.Write("pkg/a.k", "import ..mod\n");
        folder.Write("pkg/b.k", string.Empty);
        folder.Write("mod.k", string.Empty);
        folder.Write("app/local/x.k", string.Empty);
        folder.Write("deep/er/leaf.k", string.Empty);
        var cache = new ParseCache();
        var loader = new PackageLoader(cache, folder.Path, new Dictionary<string, string>());

        var package = loader.LoadMain([main]);
        loader.LoadImports(package);

        loader.Diagnostics.Should().BeEmpty();
        package.PackagePath.Should().Be("__main__");
        package.Directory.Should().Be(folder.Combine("app"));
        var module = package.Modules[0];
        var pkg = loader.Resolve("pkg", package, module)!;
        pkg.PackagePath.Should().Be("pkg");
        pkg.Directory.Should().Be(folder.Combine("pkg"));
        pkg.Modules.Select(m => Path.GetFileName(m.File.Path)).Should().Equal("a.k", "b.k");
        loader.Resolve("mod", package, module)!.Modules.Should().ContainSingle();
        loader.Resolve(".local", package, module)!.PackagePath.Should().Be("app.local");
        loader.Resolve("deep.er.leaf", package, module)!.PackagePath.Should().Be("deep.er.leaf");
        loader.Resolve("math", package, module).Should().BeNull("system modules never reach the file system");
        loader.Resolve("..mod", pkg, pkg.Modules[0]).Should().BeSameAs(loader.Resolve("mod", package, module));
        loader.Resolve("pkg", package, module).Should().BeSameAs(pkg);
        cache.ParseCount.Should().Be(6);
    }

    [Fact]
    public void A_missing_module_is_reported_at_the_import_like_kcl()
    {
        using var folder = new TemporaryFolder();
        folder.Write("kcl.mod", string.Empty);
        var main = folder.Write("app-main/main.k", "import .some0.pkg1 as some00\n");
        var loader = new PackageLoader(new ParseCache(), folder.Path, new Dictionary<string, string>());

        var package = loader.LoadMain([main]);
        loader.LoadImports(package);

        var error = loader.Diagnostics.Should().ContainSingle().Subject;
        error.Kind.Should().Be("CannotFindModule");
        error.Code.Should().Be("E2F04");
        error.Location!.Line.Should().Be(1);
        error.Message.Should().Be($"Cannot find the module .some0.pkg1 from {folder.Path}/app-main/some0/pkg1");
        error.Labels.Select(l => l.Message).Should().Contain("suggestion: try 'kcl mod add app-main' to download the missing package");
        loader.HasSyntaxErrors.Should().BeFalse();
        loader.Resolve(".some0.pkg1", package, package.Modules[0])!.PackagePath.Should().Be("app-main.some0.pkg1");
    }

    [Fact]
    public void Dependencies_with_a_path_resolve_under_their_own_root()
    {
        using var folder = new TemporaryFolder();
        folder.Write("app/kcl.mod", "[dependencies]\nlib = { path = \"../lib\" }\n");
        var main = folder.Write("app/main.k", "import lib.sub\nimport lib\n");
        folder.Write("lib/kcl.mod", string.Empty);
        folder.Write("lib/lib.k", "import .sub\n");
        folder.Write("lib/sub/s.k", string.Empty);
        var loader = new PackageLoader(new ParseCache(), folder.Combine("app"), new Dictionary<string, string> { ["lib"] = folder.Combine("lib") });

        var package = loader.LoadMain([main]);
        loader.LoadImports(package);

        loader.Diagnostics.Should().BeEmpty();
        var lib = loader.Resolve("lib", package, package.Modules[0])!;
        lib.Modules.Should().ContainSingle();
        var sub = loader.Resolve("lib.sub", package, package.Modules[0])!;
        sub.Directory.Should().Be(folder.Combine("lib/sub"));
        loader.Resolve(".sub", lib, lib.Modules[0])!.PackagePath.Should().Be("lib.sub");
    }

    [Fact]
    public void Import_cycles_terminate()
    {
        using var folder = new TemporaryFolder();
        var main = folder.Write("main.k", "import a\n");
        folder.Write("a.k", "import b\n");
        folder.Write("b.k", "import a\n");
        var loader = new PackageLoader(new ParseCache(), folder.Path, new Dictionary<string, string>());

        var package = loader.LoadMain([main]);
        loader.LoadImports(package);

        loader.Diagnostics.Should().BeEmpty();
        KclPackage a = loader.Resolve("a", package, package.Modules[0])!;
        loader.Resolve("a", loader.Resolve("b", a, a.Modules[0])!, a.Modules[0]).Should().BeSameAs(a);
    }

    [Fact]
    public void A_file_importing_its_own_package_is_a_fatal_recursive_load()
    {
        using var folder = new TemporaryFolder();
        var main = folder.Write("main.k", "import main\n");
        var loader = new PackageLoader(new ParseCache(), folder.Path, new Dictionary<string, string>());

        var package = loader.LoadMain([main]);
        loader.LoadImports(package);

        loader.HasFatalErrors.Should().BeTrue();
        var error = loader.Diagnostics.Should().ContainSingle().Subject;
        error.Kind.Should().Be("error[E1001]: RecursiveLoad");
        error.Labels.Select(l => l.Message).Should().Equal("Could not compiles due to cyclic import statements", $"- {main}");
    }

    [Fact]
    public void Two_files_importing_each_other_are_left_to_the_evaluator()
    {
        using var folder = new TemporaryFolder();
        var main = folder.Write("main.k", "import module\n");
        folder.Write("module.k", "import main\n");
        var loader = new PackageLoader(new ParseCache(), folder.Path, new Dictionary<string, string>());

        var package = loader.LoadMain([main]);
        loader.LoadImports(package);

        loader.HasFatalErrors.Should().BeFalse();
        loader.Diagnostics.Should().BeEmpty();
    }
}
