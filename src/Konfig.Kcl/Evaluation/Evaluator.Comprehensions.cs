using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>The items a loop over <paramref name="value"/> walks; a runtime error when it is not iterable.</summary>
    private LoopItems Iterate(KclValue value) =>
        LoopItems.TryCreate(value, out var items) ? items : throw Error($"'{value.TypeName}' object is not iterable");

    /// <summary>Binds loop targets: one target gets the item (the key for dicts), two get (index or key, item).</summary>
    private static void BindTargets(Scope scope, ImmutableArray<Identifier> targets, in LoopItems items, int index)
    {
        if (targets.Length == 1)
        {
            scope.Declare(targets[0].Name, items.IsDict ? items.First(index) : items.Second(index));
            return;
        }

        scope.Declare(targets[0].Name, items.First(index));
        if (targets.Length > 1)
        {
            scope.Declare(targets[1].Name, items.Second(index));
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
        var items = Iterate(Evaluate(clause.Iterable));
        for (var i = 0; i < items.Count; i++)
        {
            CheckCancellation();
            BindTargets(scope, clause.Targets, items, i);
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

            var items = Iterate(iterable);
            for (var i = 0; i < items.Count; i++)
            {
                CheckCancellation();
                BindTargets(scope, quantifier.Targets, items, i);
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
                            filteredDict.Set(items.Key(i), items.Second(i));
                        }
                        else
                        {
                            filteredList.Items.Add(items.Second(i));
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
