using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>The (first, second) loop variables of iterating a value: list → (item, index…) as KCL binds them.</summary>
    private List<(KclValue First, KclValue Second)> Iterate(KclValue value)
    {
        var result = new List<(KclValue, KclValue)>();
        switch (value)
        {
            case ListValue list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    result.Add((new IntValue(i), list.Items[i]));
                }

                break;
            case DictValue dict:
                foreach (var (key, item) in dict.Entries)
                {
                    result.Add((new StringValue(key), item));
                }

                break;
            case StringValue text:
                {
                    var i = 0;
                    foreach (var rune in text.Value.EnumerateRunes())
                    {
                        result.Add((new IntValue(i++), new StringValue(rune.ToString())));
                    }

                    break;
                }

            case NoneValue or UndefinedValue:
                break;
            default:
                throw Error($"'{value.TypeName}' object is not iterable");
        }

        return result;
    }

    /// <summary>Binds loop targets: one target gets the item (the key for dicts), two get (index or key, item).</summary>
    private static void BindTargets(Scope scope, IReadOnlyList<Identifier> targets, KclValue iterable, (KclValue First, KclValue Second) entry)
    {
        if (targets.Count == 1)
        {
            scope.Declare(targets[0].Name, iterable is DictValue ? entry.First : entry.Second);
            return;
        }

        scope.Declare(targets[0].Name, entry.First);
        if (targets.Count > 1)
        {
            scope.Declare(targets[1].Name, entry.Second);
        }
    }

    private void RunClauses(IReadOnlyList<ComprehensionClause> clauses, int index, Scope scope, Action body)
    {
        if (index == clauses.Count)
        {
            body();
            return;
        }

        var clause = clauses[index];
        var iterable = Evaluate(clause.Iterable);
        foreach (var entry in Iterate(iterable))
        {
            CheckCancellation();
            BindTargets(scope, clause.Targets, iterable, entry);
            var accepted = true;
            foreach (var condition in clause.Conditions)
            {
                if (!Evaluate(condition).IsTruthy)
                {
                    accepted = false;
                    break;
                }
            }

            if (accepted)
            {
                RunClauses(clauses, index + 1, scope, body);
            }
        }
    }

    private KclValue EvaluateListComprehension(ListComprehension comprehension)
    {
        var scope = new Scope(_env.Locals, isLoop: true);
        var result = new ListValue();
        WithEnv(_env with { Locals = scope }, () =>
        {
            RunClauses(comprehension.Clauses, 0, scope, () =>
            {
                // Nested loops multiply: the size limit stops them long before memory runs out.
                ValueLimits.CheckCollection(result.Items.Count + 1L);
                result.Items.Add(Evaluate(comprehension.Element));
            });
            return result;
        });
        return result;
    }

    private KclValue EvaluateDictComprehension(DictComprehension comprehension)
    {
        var scope = new Scope(_env.Locals, isLoop: true);
        var result = new DictValue();
        WithEnv(_env with { Locals = scope }, () =>
        {
            RunClauses(comprehension.Clauses, 0, scope, () =>
            {
                ValueLimits.CheckCollection(result.Count + 1L);
                var key = Evaluate(comprehension.Key);
                var value = Evaluate(comprehension.Value);
                InsertEntry(result, KeyString(key), value, comprehension.Operation, -1);
            });
            return result;
        });
        return result;
    }

    private KclValue EvaluateQuantifier(QuantifierExpression quantifier)
    {
        var iterable = Evaluate(quantifier.Iterable);
        var scope = new Scope(_env.Locals, isLoop: true);
        return WithEnv(_env with { Locals = scope }, () =>
        {
            var mapped = new ListValue();
            var filteredList = new ListValue();
            var filteredDict = iterable is DictValue dictionary ? (dictionary is SchemaValue ? dictionary.ShallowCopy() : new DictValue()) : null;
            if (filteredDict is SchemaValue)
            {
                foreach (var key in filteredDict.Keys.ToList())
                {
                    filteredDict.Remove(key);
                }
            }

            foreach (var entry in Iterate(iterable))
            {
                CheckCancellation();
                BindTargets(scope, quantifier.Targets, iterable, entry);
                if (quantifier.Condition is not null && !Evaluate(quantifier.Condition).IsTruthy)
                {
                    continue;
                }

                var test = Evaluate(quantifier.Test);
                switch (quantifier.Kind)
                {
                    case QuantifierKind.All when !test.IsTruthy:
                        return BoolValue.False;
                    case QuantifierKind.Any when test.IsTruthy:
                        return BoolValue.True;
                    case QuantifierKind.Map:
                        mapped.Items.Add(test);
                        break;
                    case QuantifierKind.Filter when test.IsTruthy:
                        if (filteredDict is not null)
                        {
                            filteredDict.Set(((StringValue)entry.First).Value, entry.Second);
                        }
                        else
                        {
                            filteredList.Items.Add(entry.Second);
                        }

                        break;
                }
            }

            return quantifier.Kind switch
            {
                QuantifierKind.All => BoolValue.True,
                QuantifierKind.Any => BoolValue.False,
                QuantifierKind.Map => mapped,
                _ => filteredDict ?? (KclValue)filteredList,
            };
        });
    }

    private static string KeyString(KclValue key) => key is StringValue s ? s.Value : ValueOps.Str(key);
}
