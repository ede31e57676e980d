using System.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// What <c>print</c> writes during a run: kept in memory (it goes before the YAML), bounded like any
/// output, and safe to read while an abandoned evaluation thread may still be writing.
/// </summary>
internal sealed class PrintedOutput : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public PrintedOutput() => NewLine = "\n";

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            ValueLimits.CheckOutput(_text.Length + 1L);
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            ValueLimits.CheckOutput(_text.Length + (long)(value?.Length ?? 0));
            _text.Append(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            ValueLimits.CheckOutput(_text.Length + (long)count);
            _text.Append(buffer, index, count);
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }
}
