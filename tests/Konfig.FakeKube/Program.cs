using System.Globalization;
using Konfig.FakeKube;

// The fake API server on its own, for demos and checks from outside: see README.md.
//   dotnet run --project tests/Konfig.FakeKube -- [--port 6443] [--latency-ms 0] [--ready-delay-ms 500] [--kubeconfig PATH] [--https]
const string Usage = "usage: Konfig.FakeKube [--port 6443] [--latency-ms 0] [--ready-delay-ms 500] [--kubeconfig PATH] [--https]";
var numbers = new Dictionary<string, int>(StringComparer.Ordinal) { ["--port"] = 6443, ["--latency-ms"] = 0, ["--ready-delay-ms"] = 500 };
string? kubeconfig = null;
var https = false;
for (var i = 0; i < args.Length; i++)
{
    var option = args[i];
    if (option is "-h" or "--help")
    {
        Console.WriteLine(Usage);
        return 0;
    }

    if (option == "--https")
    {
        https = true;
        continue;
    }

    if (!numbers.ContainsKey(option) && option != "--kubeconfig")
    {
        Console.Error.WriteLine($"unknown option {option}\n{Usage}");
        return 2;
    }

    if (i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"{option} needs a value\n{Usage}");
        return 2;
    }

    var value = args[++i];
    if (option == "--kubeconfig")
    {
        kubeconfig = value;
    }
    else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
    {
        numbers[option] = number;
    }
    else
    {
        Console.Error.WriteLine($"{option}: not a number: {value}");
        return 2;
    }
}

var options = new FakeKubeOptions
{
    Port = numbers["--port"],
    Latency = TimeSpan.FromMilliseconds(numbers["--latency-ms"]),
    ReadyDelay = TimeSpan.FromMilliseconds(numbers["--ready-delay-ms"]),
    Https = https,
};

// Ctrl-C and SIGTERM stop the server cleanly.
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});

await using var server = await FakeKubeServer.StartAsync(options);
Console.WriteLine($"fake Kubernetes API server listening on {server.Url}");
if (kubeconfig is not null)
{
    server.WriteKubeconfig(kubeconfig);
    Console.WriteLine($"kubeconfig written to {Path.GetFullPath(kubeconfig)} (context \"fake\")");
    Console.WriteLine($"try: kubectl --kubeconfig {kubeconfig} apply --server-side --validate=false -f app.yaml");
}

Console.WriteLine("press Ctrl-C to stop");
await stop.Task;
Console.WriteLine("stopped");
return 0;
