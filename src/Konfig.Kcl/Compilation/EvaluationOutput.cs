using System.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Where a run's <c>print()</c> text and <c>manifests.yaml_stream</c> output go. Thread-safe, so the
/// runner can read what was printed even from an evaluation it abandoned at its deadline.
/// </summary>
internal sealed class EvaluationOutput : TextWriter, IManifestsOutput
{
    private readonly StringBuilder _printed = new();
    private readonly Lock _gate = new();
    private string? _manifests;

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

    /// <summary>The last <c>manifests.yaml_stream</c> output, or null when the program did not call it.</summary>
    public string? Manifests
    {
        get
        {
            lock (_gate)
            {
                return _manifests;
            }
        }
    }

    public void SetManifestsOutput(string yamlStream)
    {
        lock (_gate)
        {
            _manifests = yamlStream;
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
