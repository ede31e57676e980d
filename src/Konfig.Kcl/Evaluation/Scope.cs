using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>
/// A local scope: lambda parameters and locals, comprehension targets, schema arguments. Module
/// globals and schema attributes live elsewhere (<see cref="PackageState"/>, <see cref="SchemaFrame"/>).
/// </summary>
internal sealed class Scope(Scope? parent, bool isFunction = false, bool isLoop = false, bool isConfig = false, bool isConfigBranch = false)
{
    private readonly Dictionary<string, KclValue> _variables = new(StringComparer.Ordinal);

    public Scope? Parent { get; } = parent;

    /// <summary>True for a lambda body: assignments inside create locals here.</summary>
    public bool IsFunction { get; } = isFunction;

    /// <summary>True for comprehension and quantifier scopes, whose variables can name config keys.</summary>
    public bool IsLoop { get; } = isLoop;

    /// <summary>True for a config literal: its named entries are locals of the entries after them.</summary>
    public bool IsConfig { get; } = isConfig;

    /// <summary>True for the entries of a config <c>if</c>: they belong to the config around them.</summary>
    public bool IsConfigBranch { get; } = isConfigBranch;

    /// <summary>
    /// Stores a config entry local: updates the scopes of the config it belongs to (through its
    /// <c>if</c> branches) that have it, else declares it here. A nested config literal is a config of its
    /// own: its entries never change what the enclosing config's entries see.
    /// </summary>
    public void StoreConfigLocal(string name, KclValue value)
    {
        var found = false;
        for (var scope = this; scope is not null && scope.IsConfig; scope = scope.Parent)
        {
            if (scope._variables.ContainsKey(name))
            {
                scope._variables[name] = value;
                found = true;
            }

            if (!scope.IsConfigBranch)
            {
                break;
            }
        }

        if (!found)
        {
            _variables[name] = value;
        }
    }

    public bool TryGetOwn(string name, out KclValue value) => _variables.TryGetValue(name, out value!);

    public bool TryGet(string name, out KclValue value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables.TryGetValue(name, out value!))
            {
                return true;
            }
        }

        value = null!;
        return false;
    }

    public void Declare(string name, KclValue value) => _variables[name] = value;

    /// <summary>Updates the nearest existing variable up to the enclosing function scope, or declares it here.</summary>
    public void Store(string name, KclValue value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables.ContainsKey(name))
            {
                scope._variables[name] = value;
                return;
            }

            if (scope.IsFunction)
            {
                break;
            }
        }

        _variables[name] = value;
    }

    /// <summary>Whether the scope chain reaches a lambda body.</summary>
    public bool InFunction
    {
        get
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                if (scope.IsFunction)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
