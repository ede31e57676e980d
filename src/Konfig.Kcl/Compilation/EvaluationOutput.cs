using System.Text;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Where a run's <c>print()</c> text goes. Thread-safe, so the runner can read what was printed even
/// from an evaluation it abandoned at its deadline.
/// </summary>
internal sealed class EvaluationOutput : TextWriter
{
    private readonly StringBuilder _printed = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override string NewLine
    {
        get => "\n";
#pragma warning disable CS8765 // TextWriter declares the setter's parameter nullable; print() always ends lines with \n.
        set { }
#pragma warning restore CS8765
    }

    /// <summary>Text written by print().</summary>
    public string Printed
    {
        get
        {
            lock (_gate)
            {
                return _printed.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            _printed.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _printed.Append(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            _printed.Append(buffer, index, count);
        }
    }
}
