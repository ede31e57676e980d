using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>Runs a statement; returns the value of an expression statement (or of the branch an if ran), else Undefined.</summary>
    private KclValue ExecuteStatement(Statement statement)
    {
        CheckCancellation();
        _statementSpan = statement.Span;
        _currentSpan = statement.Span;
        try
        {
            return ExecuteStatementCore(statement);
        }
        catch (KclRuntimeException exception)
        {
            throw new EvaluationException(new Diagnostics.Diagnostic(exception.Code, exception.Kind, Diagnostics.DiagnosticSeverity.Error,
                [new Diagnostics.DiagnosticLabel(Diagnostics.DiagnosticLocation.LineOnly(_currentSpan ?? statement.Span), exception.Message)]));
        }
    }

    private KclValue ExecuteStatementCore(Statement statement)
    {
        if (_env.Schema is { } frame && !_env.InLambda && statement is AssignStatement or AugmentedAssignStatement or UnificationStatement)
        {
            // While a statement assigns an attribute, reading that attribute gives its current value.
            var targets = AssignedNames(statement).ToList();
            foreach (var target in targets)
            {
                frame.CurrentTargets.Add(target);
            }

            try
            {
                return ExecuteStatementInner(statement);
            }
            finally
            {
                foreach (var target in targets)
                {
                    frame.CurrentTargets.Remove(target);
                }
            }
        }

        return ExecuteStatementInner(statement);
    }

    private KclValue ExecuteStatementInner(Statement statement)
    {
        switch (statement)
        {
            case ExpressionStatement expressionStatement:
                {
                    KclValue result = UndefinedValue.Instance;
                    foreach (var expression in expressionStatement.Expressions)
                    {
                        result = Evaluate(expression);
                        RecordScalar(expression, result);
                    }

                    return result;
                }

            case AssignStatement assign:
                {
                    var value = Evaluate(assign.Value);
                    foreach (var target in assign.Targets)
                    {
                        Assign(target, value, assign.Type);
                    }

                    // A lambda whose last statement is an assignment returns the assigned value.
                    return value;
                }

            case AugmentedAssignStatement augmented:
                {
                    var current = Evaluate(augmented.Target);
                    var right = Evaluate(augmented.Value);
                    var value = Binary(augmented.Operator, current, right);
                    Assign(augmented.Target, value, null);
                    return value;
                }

            case UnificationStatement unification:
                ExecuteUnification(unification);
                return UndefinedValue.Instance;
            case IfStatement ifStatement:
                return Evaluate(ifStatement.Condition).IsTruthy ? ExecuteBlock(ifStatement.Body) : ExecuteBlock(ifStatement.Else);
            case AssertStatement assert:
                ExecuteAssert(assert);
                return UndefinedValue.Instance;
            case SchemaAttribute attribute:
                ExecuteSchemaAttribute(attribute);
                return UndefinedValue.Instance;
            default:
                // Imports, schemas, rules and type aliases are declared before evaluation starts.
                return UndefinedValue.Instance;
        }
    }

    private KclValue ExecuteBlock(ImmutableArray<Statement> statements)
    {
        KclValue result = UndefinedValue.Instance;
        foreach (var statement in statements)
        {
            if (_env.Schema is { } frame && !_env.InLambda && frame.Setters.Count > 0 && IsSetterStatement(statement) && !frame.Executed.Add((_env, statement)))
            {
                continue;
            }

            result = ExecuteStatement(statement);
        }

        return result;
    }

    private static bool IsSetterStatement(Statement statement) =>
        statement is SchemaAttribute or AssignStatement or AugmentedAssignStatement or IfStatement or UnificationStatement;

    private void ExecuteAssert(AssertStatement assert)
    {
        if (assert.Condition is not null && !Evaluate(assert.Condition).IsTruthy)
        {
            return;
        }

        if (Evaluate(assert.Test).IsTruthy)
        {
            return;
        }

        var message = assert.Message is null ? string.Empty : ValueOps.Str(Evaluate(assert.Message));
        throw new EvaluationException(new Diagnostics.Diagnostic("E3M38", "EvaluationError", Diagnostics.DiagnosticSeverity.Error,
            [new Diagnostics.DiagnosticLabel(Diagnostics.DiagnosticLocation.LineOnly(assert.Span), message)]));
    }

    private void ExecuteUnification(UnificationStatement unification)
    {
        var name = unification.Target.Name;
        if (_env.Schema is { } frame && !_env.InLambda)
        {
            // In a schema body `attr: S {…}` unions into what the attribute holds so far.
            var addition = Evaluate(unification.Value);
            var existing = frame.Value[name] ?? UndefinedValue.Instance;
            SetAttribute(frame, name, existing is DictValue ? UnionValues(existing, addition) : addition);
            return;
        }

        if (_env.Locals is null && _env.Schema is null)
        {
            var variable = _env.Package.GetOrAddGlobal(name);
            var unifications = variable.Setters.Where(s => s.Statement is UnificationStatement).ToList();
            var assigned = variable.Setters.Any(s => s.Statement is not UnificationStatement && s.Executed);
            if (variable.Value is SchemaValue existing && existing.Schema is SchemaType && (assigned || unifications.Count <= 1))
            {
                var config = EvaluateConfig(unification.Value.Config);
                variable.Value = UnionValues(existing, config, unification.Value.Span);
                return;
            }

            // All `name: Schema {…}` statements of a global merge into the last one, as kcl's config merge
            // pass does: the earlier ones do nothing, and the one instance is made where the last one stands
            // (which decides its place among `Schema.instances()`).
            if (unifications.Count > 1)
            {
                if (!ReferenceEquals(unifications[^1].Statement, unification))
                {
                    return;
                }

                var keySpans = new Dictionary<string, Text.TextSpan>(StringComparer.Ordinal);
                var merged = new DictValue();
                _schemaExpressionDepth++;
                try
                {
                    foreach (var setter in unifications)
                    {
                        var config = WithEnv(new Env(_env.Package, setter.Module, null, null), () =>
                        {
                            _statementSpan = setter.Statement.Span;
                            return EvaluateConfig(((UnificationStatement)setter.Statement).Value.Config, keySpans);
                        });
                        foreach (var (key, value) in config.Entries)
                        {
                            InsertEntry(merged, key, value, config.GetOperation(key), config.GetInsertIndex(key));
                        }
                    }
                }
                finally
                {
                    _schemaExpressionDepth--;
                }

                _statementSpan = unification.Span;
                // The last statement's arguments win (`s: S(1) {}` then `s: S(2) {}`).
                var merge = unification.Value with { Config = unification.Value.Config with { Items = [] } };
                _pendingMergedConfig = (merged, keySpans);
                Assign(unification.Target, Evaluate(merge), null);
                return;
            }
        }

        Assign(unification.Target, Evaluate(unification.Value), null);
    }

    /// <summary>A config computed ahead for the next schema expression (merged unification statements).</summary>
    private (DictValue Config, Dictionary<string, Text.TextSpan> KeySpans)? _pendingMergedConfig;

    /// <summary>Stores a value into a name, attribute path or index target.</summary>
    private void Assign(Expression target, KclValue value, TypeNode? type)
    {
        switch (target)
        {
            case NameExpression name:
                AssignName(name, value, type);
                break;
            case SelectorExpression or IndexExpression:
                {
                    var path = new List<object>();
                    var root = CollectPath(target, path);
                    var rootValue = Evaluate(root);
                    var updated = SetPath(rootValue, path, 0, value);
                    AssignName(root, updated, null);
                    break;
                }

            default:
                throw Error($"cannot assign to {target.GetType().Name}");
        }
    }

    private NameExpression CollectPath(Expression target, List<object> path)
    {
        switch (target)
        {
            case NameExpression name:
                return name;
            case SelectorExpression selector:
                {
                    var root = CollectPath(selector.Value, path);
                    path.Add(selector.Attribute.Name);
                    return root;
                }

            case IndexExpression index:
                {
                    var root = CollectPath(index.Value, path);
                    path.Add(Evaluate(index.Index));
                    return root;
                }

            default:
                throw Error("invalid assignment target");
        }
    }

    /// <summary>Copy-on-write update of <paramref name="container"/> at <paramref name="path"/>.</summary>
    private KclValue SetPath(KclValue container, List<object> path, int position, KclValue value)
    {
        if (position == path.Count)
        {
            return value;
        }

        switch (container, path[position])
        {
            case (DictValue dict, string key):
                {
                    var copy = dict.ShallowCopy();
                    if (copy is SchemaValue schemaCopy)
                    {
                        schemaCopy.ConfigKeys.Add(key);
                    }

                    var child = dict[key] ?? UndefinedValue.Instance;
                    if (position + 1 < path.Count && child.IsNoneOrUndefined)
                    {
                        child = new DictValue();
                    }

                    copy.Set(key, SetPath(child, path, position + 1, value));
                    if (position + 1 == path.Count && copy is SchemaValue { Schema: SchemaType type } instance)
                    {
                        // Setting an attribute re-evaluates the instance with it, so its checks see the new value.
                        return ResolveSchema(instance, type, [.. instance.ConfigKeys], span: null);
                    }

                    return copy;
                }

            case (DictValue dict, StringValue key):
                {
                    var copy = dict.ShallowCopy();
                    copy.Set(key.Value, SetPath(dict[key.Value] ?? new DictValue(), path, position + 1, value));
                    return copy;
                }

            case (ListValue list, IntValue index):
                {
                    var i = (int)(index.Value < 0 ? index.Value + list.Items.Count : index.Value);
                    if (i < 0 || i >= list.Items.Count)
                    {
                        throw Error($"list assignment index out of range");
                    }

                    var copy = new ListValue(list.Items);
                    copy.Items[i] = SetPath(list.Items[i], path, position + 1, value);
                    return copy;
                }

            case (ModuleValue module, string key):
                throw Error($"failed to update the dict. An iterable of key-value pairs was expected, but got UndefinedType. Check if the syntax for updating the dictionary with the attribute '{key}' is correct");
            default:
                throw Error($"failed to update the dict. An iterable of key-value pairs was expected, but got {container.TypeName}. Check if the syntax for updating the dictionary with the attribute '{path[position]}' is correct");
        }
    }

    private void AssignName(NameExpression target, KclValue value, TypeNode? type)
    {
        var name = target.Name;
        if (type is not null)
        {
            value = CheckType(value, type, _env);
        }

        if (_env.Locals is not null && (_env.InLambda || _env.Locals.TryGet(name, out _)))
        {
            _env.Locals.Store(name, value);
            return;
        }

        if (_env.Schema is { } frame)
        {
            SetAttribute(frame, name, value);
            return;
        }

        var variable = _env.Package.GetOrAddGlobal(name);
        if (type is not null)
        {
            variable.DeclaredType = type;
            variable.DeclaredIn = _env.Module;
        }
        else if (variable.DeclaredType is not null && variable.DeclaredIn is not null)
        {
            value = CheckType(value, variable.DeclaredType, _env with { Module = variable.DeclaredIn });
        }

        variable.Value = value;
    }
}
