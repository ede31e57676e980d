using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>A top-level statement of a package and whether it already ran (statements run once, in order or on demand).</summary>
internal sealed class TopStatement(Statement statement, ModuleSyntax module)
{
    public Statement Statement { get; } = statement;

    public ModuleSyntax Module { get; } = module;

    public bool Executed { get; set; }

    /// <summary>Run ahead of the main pass to compute a global read before it; the main pass runs it again.</summary>
    public bool RanEarly { get; set; }
}

/// <summary>A global name of a package: its value once set and the statements that assign it.</summary>
internal sealed class GlobalVariable(string name)
{
    public string Name { get; } = name;

    public KclValue? Value { get; set; }

    public List<TopStatement> Setters { get; } = [];

    /// <summary>The annotated type (<c>a: T = …</c>), checked on every later assignment.</summary>
    public TypeNode? DeclaredType { get; set; }

    public ModuleSyntax? DeclaredIn { get; set; }
}

internal enum PackageStatus
{
    NotStarted,
    Running,
    Done,
}

/// <summary>The evaluation state of one package: its globals, statements and per-file imports.</summary>
internal sealed class PackageState(KclPackage package)
{
    public KclPackage Package { get; } = package;

    public string Path => Package.PackagePath;

    public bool IsMain => Path == "__main__";

    public Dictionary<string, GlobalVariable> Globals { get; } = new(StringComparer.Ordinal);

    /// <summary>Global names in the order their first defining statement appears.</summary>
    public List<string> Order { get; } = [];

    public List<TopStatement> Statements { get; } = [];

    /// <summary>Per file: import name → module value.</summary>
    public Dictionary<ModuleSyntax, Dictionary<string, KclValue>> Imports { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Resolved user packages by module value path.</summary>
    public PackageStatus Status { get; set; }

    public GlobalVariable GetOrAddGlobal(string name)
    {
        if (!Globals.TryGetValue(name, out var variable))
        {
            variable = new GlobalVariable(name);
            Globals[name] = variable;
            Order.Add(name);
        }

        return variable;
    }
}
