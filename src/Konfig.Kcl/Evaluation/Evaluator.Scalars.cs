using Konfig.Kcl.Emit;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>Values of the main package's top-level expression statements ("scalars"), in order.</summary>
    private readonly List<KclValue> _scalars = [];

    /// <summary>
    /// Where the last schema-expression scalar sits: kcl keeps only the last one, removing the scalar at
    /// this index when the next arrives. It starts at 0, as kcl's does, so a first schema expression
    /// replaces the first scalar if there is one.
    /// </summary>
    private int _schemaScalarIndex;

    /// <summary>The document kcl prints instead of the globals when the main package has scalars (see <see cref="BuildDocument"/>).</summary>
    public KclValue? Document { get; private set; }

    /// <summary>What <c>manifests.yaml_stream</c> last asked to print instead of the top-level values.</summary>
    public string? ManifestsOutput { get; private set; }

    public override void SetManifestsOutput(string yamlStream) => ManifestsOutput = yamlStream;

    /// <summary>
    /// Records the value of an expression statement run at the top level of the main package (also inside
    /// a top-level <c>if</c>). Calls emit nothing: their value is what the function returns, often None.
    /// </summary>
    private void RecordScalar(Expression expression, KclValue value)
    {
        if (expression is CallExpression || !_env.Package.IsMain || _env.Locals is not null || _env.Schema is not null)
        {
            return;
        }

        if (expression is SchemaExpression)
        {
            if (_schemaScalarIndex < _scalars.Count)
            {
                _scalars.RemoveAt(_schemaScalarIndex);
            }

            _scalars.Add(value);
            _schemaScalarIndex = _scalars.Count - 1;
            return;
        }

        _scalars.Add(value);
    }

    /// <summary>
    /// With scalars, kcl prints one document instead of the globals: the scalars merged in order, then
    /// each exported global merged in as <c>{name: value}</c>. Each merge is a union that first checks the
    /// new value does not contradict the document (two different numbers, a dict onto a number, ...).
    /// Returns null when the program has no scalars.
    /// </summary>
    private KclValue? BuildDocument(PackageState main, IReadOnlyList<KeyValuePair<string, KclValue>> exported)
    {
        if (_scalars.Count == 0)
        {
            return null;
        }

        // kcl reports the conflict at the last statement it ran, without a column.
        _statementSpan = main.Statements.Count > 0 ? main.Statements[^1].Statement.Span : null;
        KclValue? document = null;
        foreach (var scalar in _scalars)
        {
            document = MergeIntoDocument(document, scalar);
        }

        foreach (var (name, value) in exported)
        {
            var single = new DictValue();
            single.Set(name, value);
            document = MergeIntoDocument(document, single);
        }

        return document;
    }

    private KclValue MergeIntoDocument(KclValue? document, KclValue value)
    {
        if (document is null)
        {
            return value;
        }

        if (!Subsumes(value, document))
        {
            throw Error($"conflicting values between {ConflictText(value)} and {ConflictText(document)}");
        }

        if (document is DictValue documentDict && value is DictValue valueDict)
        {
            // Key by key, without re-running a schema document with the globals as its config.
            var merged = documentDict.ShallowCopy();
            foreach (var (key, item) in valueDict.Entries)
            {
                InsertEntry(merged, key, item, valueDict.GetOperation(key), valueDict.GetInsertIndex(key));
            }

            return merged;
        }

        return UnionValues(document, value);
    }

    /// <summary>
    /// kcl's shallow subsumption check before a union: equal scalars, lists item by item, and any two
    /// configs (their keys are merged, not compared) agree; None agrees with anything.
    /// </summary>
    private static bool Subsumes(KclValue value, KclValue existing)
    {
        if (value.IsNoneOrUndefined || existing.IsNoneOrUndefined)
        {
            return true;
        }

        return (value, existing) switch
        {
            (ListValue left, ListValue right) => left.Items.Count == right.Items.Count
                && left.Items.Zip(right.Items).All(pair => Subsumes(pair.First, pair.Second)),
            (DictValue, DictValue) => true,
            (ListValue or DictValue, _) or (_, ListValue or DictValue) => false,
            _ => ValueEquality.AreEqual(value, existing),
        };
    }

    private static string ConflictText(KclValue value) => value switch
    {
        DictValue => "{...}",
        ListValue => "[...]",
        _ => JsonEmitter.Emit(value, JsonEmitOptions.Default),
    };
}
