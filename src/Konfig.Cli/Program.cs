using System.Text;
using Konfig.Cli;
using Konfig.Kcl.Compilation;

// Composition root: the real console, the real working directory and the real compiler.
// The standard streams are written through our own buffered UTF-8 writers rather than Console.Out/Error
// (synchronized, flushed on every write, encoded in the locale's charset): the YAML goes out in a few
// large writes, and in UTF-8 whatever the locale, as the reference prints it. Flushed when the run ends.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

// Writing to the standard stream makes the runtime create Console.Out; with its encoding given, it
// skips looking the locale's charset up (several milliseconds at start-up).
Console.OutputEncoding = utf8;
using var standardOutput = new StreamWriter(Console.OpenStandardOutput(), utf8, bufferSize: 64 * 1024);
using var standardError = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
if (NativeHandOff.Applies(args))
{
    return NativeHandOff.Run(args, standardError);
}

var environment = new CliEnvironment(standardOutput, standardError, Environment.CurrentDirectory, KclRunner.Run)
{
    ReadLine = Console.ReadLine,
    InputIsTerminal = () => !Console.IsInputRedirected,
    ErrorIsTerminal = () => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not ("dumb" or null or ""),
};
return CliApplication.Run(args, environment);
