using Konfig.Cli;
using Konfig.Kcl.Compilation;

// Composition root: the real console, the real working directory and the real compiler.
var environment = new CliEnvironment(Console.Out, Console.Error, Environment.CurrentDirectory, KclRunner.Run);
return CliApplication.Run(args, environment);
