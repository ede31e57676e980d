using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>
/// A local scope: lambda parameters and locals, comprehension targets, schema arguments. Module
/// globals and schema attributes live elsewhere (<see cref="PackageState"/>, <see cref="SchemaFrame"/>).
/// </summary>
internal sealed class Scope(Scope? parent, bool isFunction = false, bool isLoop = false, bool isConfig = false, bool isConfigBranch = false)
{
    /// <summary>Past this many variables a scope adds a dictionary index; below it a linear scan is faster.</summary>
    private const int LinearLimit = 8;

    // Most scopes (a lambda call, a loop) hold a handful of names: parallel arrays, no dictionary per scope.
    private string[]? _names;
    private KclValue[]? _values;
    private int _count;
    private Dictionary<string, int>? _index;

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
            var index = scope.IndexOf(name);
            if (index >= 0)
            {
                scope._values![index] = value;
                found = true;
            }

            if (!scope.IsConfigBranch)
            {
                break;
            }
        }

        if (!found)
        {
            Declare(name, value);
        }
    }

    public bool TryGetOwn(string name, out KclValue value)
    {
        var index = IndexOf(name);
        value = index >= 0 ? _values![index] : null!;
        return index >= 0;
    }

    /// <summary>Like <see cref="TryGet"/>, also saying whether a config literal's entry holds the name.</summary>
    public bool TryGet(string name, out KclValue value, out bool isConfigEntry)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            var index = scope.IndexOf(name);
            if (index >= 0)
            {
                value = scope._values![index];
                isConfigEntry = scope.IsConfig;
                return true;
            }
        }

        value = null!;
        isConfigEntry = false;
        return false;
    }

    public bool TryGet(string name, out KclValue value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            var index = scope.IndexOf(name);
            if (index >= 0)
            {
                value = scope._values![index];
                return true;
            }
        }

        value = null!;
        return false;
    }

    public void Declare(string name, KclValue value)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            _values![index] = value;
            return;
        }

        if (_names is null || _count == _names.Length)
        {
            var capacity = _names is null ? 4 : _names.Length * 2;
            Array.Resize(ref _names, capacity);
            Array.Resize(ref _values, capacity);
        }

        _names[_count] = name;
        _values![_count] = value;
        _index?.Add(name, _count);
        _count++;
        if (_index is null && _count > LinearLimit)
        {
            _index = new Dictionary<string, int>(_count * 2, StringComparer.Ordinal);
            for (var i = 0; i < _count; i++)
            {
                _index[_names[i]] = i;
            }
        }
    }

    /// <summary>Updates the nearest existing variable up to the enclosing function scope, or declares it here.</summary>
    public void Store(string name, KclValue value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            var index = scope.IndexOf(name);
            if (index >= 0)
            {
                scope._values![index] = value;
                return;
            }

            if (scope.IsFunction)
            {
                break;
            }
        }

        Declare(name, value);
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

    private int IndexOf(string name)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(name, out var found) ? found : -1;
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_names![i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
