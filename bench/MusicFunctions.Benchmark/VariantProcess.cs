using System.Diagnostics;
using System.Text.Json;

namespace MusicFunctions.Benchmark;

/// <summary>
/// One polling variant in a child process of this program: its own engine, stand-in and memory, on the
/// shared Azurite. Children started together see the same machine load, so their figures compare fairly.
/// </summary>
public static class VariantProcess
{
    public const string ChildFlag = "--child";

    /// <summary>Starts the child for <paramref name="variant"/> and returns its result once it exits.</summary>
    public static async Task<VariantResult> RunAsync(string[] parentArgs, string variant, string storageConnection, string runId, string resultPath)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("No process path."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The connection goes through the environment: the emulator's well-known key has no business on a command line.
        start.Environment[StorageVariable] = storageConnection;
        foreach (var argument in new[] { ChildFlag, variant, "--run-id", runId, "--result", resultPath }.Concat(parentArgs))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"The {variant} child did not start.");
        process.OutputDataReceived += (_, e) => Forward(variant, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(variant, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || !File.Exists(resultPath))
        {
            throw new InvalidOperationException($"The {variant} child exited with {process.ExitCode} and no result.");
        }
        return JsonSerializer.Deserialize<VariantResult>(await File.ReadAllTextAsync(resultPath))!;
    }

    public const string StorageVariable = "MUSICFUNCTIONS_BENCH_STORAGE";

    /// <summary>The child's side: runs one variant and writes its result as JSON.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var variant = args[1];
        string? runId = null, resultPath = null;
        var rest = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--run-id": runId = args[++i]; break;
                case "--result": resultPath = args[++i]; break;
                default: rest.Add(args[i]); break;
            }
        }
        var settings = BenchmarkSettings.Parse([.. rest]);
        var storage = Environment.GetEnvironmentVariable(StorageVariable)
            ?? throw new InvalidOperationException($"{StorageVariable} is not set.");
        var logPath = Path.ChangeExtension(resultPath!, ".log");
        await using var logFile = new StreamWriter(logPath) { AutoFlush = true };
        var gate = new object();
        var runner = new VariantRunner(settings, storage, runId!, line =>
        {
            lock (gate)
            {
                logFile.WriteLine(line);
            }
        });
        var durations = settings.GenerationTime.Draw(settings.Generations, settings.Seed);
        var result = await runner.RunAsync(PollingVariant.Named(variant), durations);
        await File.WriteAllTextAsync(resultPath!, JsonSerializer.Serialize(result));
        Console.WriteLine($"{result.Completed}/{result.Generations} completed in {result.WallSeconds:0.0} s, " +
            $"{result.StatusCallsPerGeneration:0.00} status calls/gen, detection lag p50 {result.DetectionLagP50Ms:0} ms");
        return 0;
    }

    private static void Forward(string variant, string? line)
    {
        if (line is not null)
        {
            Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {variant}: {line}");
        }
    }
}
