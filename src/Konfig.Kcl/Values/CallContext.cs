namespace Konfig.Kcl.Values;

/// <summary>
/// What a builtin may need from the run that calls it. Builtins report bad input by throwing
/// <see cref="KclRuntimeException"/>; the evaluator turns that into a diagnostic at the call site.
/// </summary>
public abstract class CallContext
{
    /// <summary>The folder relative paths resolve against (the working directory of the run).</summary>
    public abstract string WorkingDirectory { get; }

    /// <summary>The folder of the file being evaluated (for <c>file.current()</c>-style helpers).</summary>
    public abstract string CurrentFile { get; }

    /// <summary>The root of the current KCL module (the folder of its kcl.mod), for <c>file.modpath()</c>.</summary>
    public virtual string ModulePath => WorkingDirectory;

    /// <summary>The work directory given to the run (empty when none was), for <c>file.workdir()</c>.</summary>
    public virtual string WorkDir => string.Empty;

    /// <summary>The clock <c>datetime</c> functions read.</summary>
    public virtual TimeProvider Clock => TimeProvider.System;

    /// <summary>Top-level arguments (<c>-D</c> and settings files), for <c>option()</c>.</summary>
    public abstract IReadOnlyDictionary<string, KclValue> Options { get; }

    /// <summary>Where <c>print()</c> writes.</summary>
    public abstract TextWriter Output { get; }

    public abstract bool SortKeys { get; }

    /// <summary>Debug mode (<c>-d</c>): the reference then range-checks integer conversions of unit values.</summary>
    public virtual bool Debug => false;

    /// <summary>Strict range check (<c>-r</c>): integers must fit 32 bits instead of 64.</summary>
    public virtual bool StrictRangeCheck => false;

    /// <summary>Throws once the run is cancelled (its deadline or memory limit): builtins that may work long call it as they go.</summary>
    public virtual void ThrowIfCancelled()
    {
    }

    /// <summary>Calls a KCL function value (a lambda passed to a builtin).</summary>
    public abstract KclValue Call(FunctionValue function, IReadOnlyList<KclValue> arguments);

    /// <summary>
    /// Calls a function for <c>runtime.catch</c>: returns null when it ran, or the message kcl's runtime
    /// stops with when it failed (without the location and notes an error report adds).
    /// </summary>
    public virtual string? CallCatchingErrors(FunctionValue function, IReadOnlyList<KclValue> arguments)
    {
        try
        {
            Call(function, arguments);
            return null;
        }
        catch (KclRuntimeException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>Instances emitted so far of a schema, for <c>instances()</c>-like helpers; may be empty.</summary>
    public virtual IReadOnlyList<KclValue> GetSchemaInstances(object schema) => [];

    /// <summary>
    /// The declared type of a function's parameter as KCL spells it (<c>int</c>, <c>str?</c>), or null
    /// when unknown or untyped. <c>reduce()</c> uses it to report an empty input it cannot fold.
    /// </summary>
    public virtual string? GetParameterType(FunctionValue function, int index) => null;

    /// <summary>
    /// <c>manifests.yaml_stream</c>: replaces the run's YAML output with this stream (KCL prints it
    /// instead of the top-level values). The default writes it to <see cref="Output"/>.
    /// </summary>
    public virtual void SetManifestsOutput(string yamlStream) => Output.Write(yamlStream);
}

/// <summary>An error in user input found at run time (a bad argument to a builtin, a failed check).</summary>
public sealed class KclRuntimeException(string message, string kind = "EvaluationError", string code = "E3M38") : Exception(message)
{
    public string Kind { get; } = kind;

    public string Code { get; } = code;
}
