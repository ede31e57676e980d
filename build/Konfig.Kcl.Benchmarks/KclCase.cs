using Konfig.Kcl.Compilation;
using Konfig.Kcl.Evaluation;

namespace Konfig.Kcl.Benchmarks;

/// <summary>One program to evaluate: its main package and imports, loaded (and parsed) once before measuring.</summary>
internal sealed record KclCase(string Folder, KclPackage Main, PackageLoader Loader)
{
    /// <summary>Loads <c>main.k</c> of <paramref name="folder"/> the way a run does, or null when it has syntax errors.</summary>
    public static KclCase? Load(string folder, string mainFile, ParseCache cache)
    {
        var loader = new PackageLoader(cache, folder, new Dictionary<string, string>());
        var main = loader.LoadMain([mainFile]);
        loader.LoadImports(main);
        return loader.HasSyntaxErrors ? null : new KclCase(folder, main, loader);
    }
}
