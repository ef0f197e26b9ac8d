using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

// One thread multiplies a tensor by a double, as TorchSharp's operators and optimisers do, while another thread
// allocates and collects. "implicit" lets TorchSharp convert the double into a Scalar nothing references during the
// native call; "owned" holds the Scalar until the call has returned (what Training/OwnedScalarAdam does).
// Usage: dotnet run -c Release --project bench/MmoeService.ScalarRace -- implicit|owned [seconds]
var mode = args.Length > 0 ? args[0] : "implicit";
if (mode is not ("implicit" or "owned"))
{
    Console.Error.WriteLine("usage: MmoeService.ScalarRace implicit|owned [seconds]");
    return 2;
}

var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
torch.set_num_threads(1);
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
var collector = new Thread(() =>
{
    while (!stop.IsCancellationRequested)
    {
        GC.KeepAlive(new byte[64 * 1024]);
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}) { IsBackground = true };
collector.Start();

using var x = ones(4096);
long calls = 0;
long failures = 0;
var firstErrors = new HashSet<string>(StringComparer.Ordinal);
var clock = Stopwatch.StartNew();
while (!stop.IsCancellationRequested)
{
    try
    {
        if (mode == "implicit")
        {
            using var scaled = x.mul(1.0000001);
            x.mul_(0.9999999);
        }
        else
        {
            using var up = 1.0000001.ToScalar();
            using var down = 0.9999999.ToScalar();
            using var scaled = x.mul(up);
            x.mul_(down);
        }
    }
    catch (System.Runtime.InteropServices.ExternalException e)
    {
        failures++;
        firstErrors.Add(e.Message.Split('\n')[0]);
    }

    calls += 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{mode}: {calls:N0} native calls in {clock.Elapsed.TotalSeconds:F0} s, {failures} failed{(firstErrors.Count > 0 ? ": " + string.Join(" | ", firstErrors) : "")}"));
return 0;
