using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Docs.Yjs;
using Docs.Yjs.Bench;
using Docs.Yjs.Tests.Fuzzing;
using Docs.Yjs.Updates;

// Usage:
//   dotnet run -c Release --project bench/Docs.Yjs.Bench               compare with npm yjs (runs bench/yjs/b4.mjs)
//   dotnet run -c Release --project bench/Docs.Yjs.Bench -- scenario X  one scenario of C#, as JSON (used by the above)
//   dotnet run -c Release --project bench/Docs.Yjs.Bench -- fuzz N      N mutated inputs through every decoder
var root = FindRoot();
if (args is ["scenario", var scenario])
{
    Console.WriteLine(JsonSerializer.Serialize(Scenarios.Run(scenario, B4Trace.PathIn(root))));
    return 0;
}
if (args is ["fuzz", var countText])
{
    var count = int.Parse(countText, CultureInfo.InvariantCulture);
    var clock = Stopwatch.StartNew();
    var report = new UpdateFuzzer(seed: 20261123).Run(count, TimeSpan.FromSeconds(1));
    Console.WriteLine($"{report.Inputs:N0} inputs x 12 decoders in {clock.Elapsed.TotalSeconds:0.0} s: {report.Accepted:N0} accepted, {report.Rejected:N0} rejected, " +
        $"max {report.MaxAllocatedBytes:N0} bytes allocated for one input, slowest {report.Slowest.TotalMilliseconds:0.0} ms, {report.Failures.Count} failures");
    foreach (var failure in report.Failures)
    {
        Console.WriteLine(failure);
    }
    return report.Failures.Count == 0 ? 0 : 1;
}
return Comparison.Run(root, args.Length > 0 && args[0] == "--quick");

static string FindRoot()
{
    // From the build output inside the repository, or (a published copy) from the working directory.
    foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Docs.sln")))
            {
                return directory.FullName;
            }
        }
    }
    throw new InvalidOperationException("Run from inside the repository.");
}
