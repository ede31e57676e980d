using Konfig.Kcl.Syntax;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// Prints a value an override writes into a file. <paramref name="indentLevel"/> is the indentation
/// level (four columns each) of the line the value starts on, so continuation lines of a multi-line
/// value line up with it. Seam for the KCL formatter; <see cref="SourceTextValuePrinter"/> is the default.
/// </summary>
public interface IOverrideValuePrinter
{
    string Print(Expression value, int indentLevel);
}

/// <summary>Adapts a function (for example the formatter's expression printer) to <see cref="IOverrideValuePrinter"/>.</summary>
public sealed class DelegateValuePrinter(Func<Expression, int, string> print) : IOverrideValuePrinter
{
    public string Print(Expression value, int indentLevel) => print(value, indentLevel);
}
