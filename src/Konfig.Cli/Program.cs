using System.Text;
using Konfig.Cli;
using Konfig.Kcl.Compilation;

// Composition root: the real console, the real working directory and the real compiler.
// The standard streams are opened directly rather than through Console.Out/Error: those look up the
// locale's charset first, which costs several milliseconds of a run that lasts tens. KCL prints UTF-8
// whatever the locale, as the reference does. Output is buffered and flushed when the run ends.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var standardOutput = new StreamWriter(Console.OpenStandardOutput(), utf8, bufferSize: 64 * 1024);
using var standardError = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
var environment = new CliEnvironment(standardOutput, standardError, Environment.CurrentDirectory, KclRunner.Run);
return CliApplication.Run(args, environment);
