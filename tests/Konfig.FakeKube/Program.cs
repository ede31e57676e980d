using System.Globalization;
using Konfig.FakeKube;

// The fake API server on its own, for demos and checks from outside: see README.md.
//   dotnet run --project tests/Konfig.FakeKube -- [--port 6443] [--latency-ms 0] [--ready-delay-ms 500] [--kubeconfig PATH]
var port = 6443;
var latency = 0;
var readyDelay = 500;
string? kubeconfig = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    bool ParseInt(string text, out int value) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    var ok = true;
    switch (args[i])
    {
        case "--port": ok = ParseInt(Next(), out port); break;
        case "--latency-ms": ok = ParseInt(Next(), out latency); break;
        case "--ready-delay-ms": ok = ParseInt(Next(), out readyDelay); break;
        case "--kubeconfig": kubeconfig = Next(); break;
        case "-h" or "--help":
            Console.WriteLine("usage: Konfig.FakeKube [--port 6443] [--latency-ms 0] [--ready-delay-ms 500] [--kubeconfig PATH]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown option {args[i]} (try --help)");
            return 2;
    }

    if (!ok)
    {
        Console.Error.WriteLine($"{args[i - 1]}: not a number: {args[i]}");
        return 2;
    }
}

var options = new FakeKubeOptions
{
    Port = port,
    Latency = TimeSpan.FromMilliseconds(latency),
    ReadyDelay = TimeSpan.FromMilliseconds(readyDelay),
};

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

await using var server = await FakeKubeServer.StartAsync(options, stop.Token);
Console.WriteLine($"fake Kubernetes API server listening on {server.Url}");
if (kubeconfig is not null)
{
    server.WriteKubeconfig(kubeconfig);
    Console.WriteLine($"kubeconfig written to {Path.GetFullPath(kubeconfig)} (context \"fake\")");
    Console.WriteLine($"try: kubectl --kubeconfig {kubeconfig} --validate=false apply --server-side -f x.yaml");
}

Console.WriteLine("press Ctrl-C to stop");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl-C: stop cleanly.
}

return 0;
