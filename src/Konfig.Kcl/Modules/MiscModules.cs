using Konfig.Kcl.Values;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>The <c>template</c>, <c>collection</c> and <c>runtime</c> modules.</summary>
internal static class MiscModules
{
    public static void RegisterTemplate(ModuleBuilder m)
    {
        m.Function("execute", a =>
        {
            var template = a.GetString(0, "template") ?? throw new KclRuntimeException("execute() takes exactly one argument (0 given)");
            var data = a.Get(1, "data") ?? new DictValue();
            return Str(Handlebars.Render(template, data));
        });
        m.Function("html_escape", a => Str(Handlebars.Escape(
            a.GetString(0, "data") ?? throw new KclRuntimeException("html_escape() takes exactly one argument (0 given)"))));
    }

    public static void RegisterCollection(ModuleBuilder m)
    {
        m.Function("union_all", a =>
        {
            var data = a.Get(0, "data") ?? throw new KclRuntimeException("union_all() takes exactly one argument (0 given)");
            if (data is not ListValue list)
            {
                throw new KclRuntimeException("union_all() argument must be a list");
            }

            KclValue result = new DictValue();
            foreach (var item in list.Items)
            {
                result = Union(result, item);
            }

            return result;
        });
    }

    /// <summary>Deep union of dicts (later values win; nested dicts merge; lists are replaced).</summary>
    private static KclValue Union(KclValue left, KclValue right)
    {
        StackGuard.Ensure();
        if (left is not DictValue target || right is not DictValue source)
        {
            return right;
        }

        var result = target.ShallowCopy();
        foreach (var (key, value) in source.Entries)
        {
            result.Set(key, result.TryGetValue(key, out var existing) ? Union(existing, value) : value);
        }

        return result;
    }

    public static void RegisterRuntime(ModuleBuilder m)
    {
        m.Function("catch", (c, a) =>
        {
            if (a.Get(0, "func") is not FunctionValue function)
            {
                throw new KclRuntimeException("catch() takes exactly one function argument");
            }

            return c.CallCatchingErrors(function, []) is { } message ? Str(message) : None;
        });
    }
}
