using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MusicFunctions.IntegrationTests.Infrastructure;

/// <summary>
/// A real Azurite (Azure Storage emulator) process for the tests: started from
/// tests/node_modules on free loopback ports, with its data in a temporary folder, and killed
/// by its PID on dispose. It can be stopped and started again on the same ports to simulate an
/// outage. When MUSICFUNCTIONS_TEST_STORAGE holds a connection string, that storage is used instead.
/// </summary>
public sealed partial class Azurite : IAsyncDisposable
{
    // The emulator's well-known development account, documented publicly; not a secret.
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _location = Path.Combine(Path.GetTempPath(), "musicfunctions-azurite-" + Guid.NewGuid().ToString("N"));
    private Process? _process;
    private (int Blob, int Queue, int Table) _ports;

    public string ConnectionString { get; private set; } = "";

    public static async Task<Azurite> StartAsync()
    {
        var azurite = new Azurite();
        if (Environment.GetEnvironmentVariable("MUSICFUNCTIONS_TEST_STORAGE") is { Length: > 0 } external)
        {
            azurite.ConnectionString = external;
            return azurite;
        }
        await azurite.StartProcessAsync();
        return azurite;
    }

    /// <summary>Stops the emulator (data kept on disk); requests fail until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process = null;
    }

    /// <summary>Starts the emulator again on the same ports with the same data.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task StartProcessAsync()
    {
        Directory.CreateDirectory(_location);
        var start = new ProcessStartInfo(FindExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--location", _location, "--skipApiVersionCheck", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--blobPort", _ports.Blob.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", _ports.Queue.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", _ports.Table.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process = process;
        var ports = new Dictionary<string, int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            output.Enqueue(line);
            var match = Listening().Match(line);
            if (match.Success)
            {
                lock (ports)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        if (finished != ready.Task)
        {
            await StopAsync();
            throw new InvalidOperationException("Azurite did not start listening:\n" + string.Join('\n', output));
        }

        _ports = (ports["Blob"], ports["Queue"], ports["Table"]);
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{_ports.Blob}/{Account};" +
            $"QueueEndpoint=http://127.0.0.1:{_ports.Queue}/{Account};" +
            $"TableEndpoint=http://127.0.0.1:{_ports.Table}/{Account};";
    }

    private static string FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("AZURITE_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "node_modules", ".bin", "azurite");
            if (File.Exists(candidate))
            {
                return candidate;
            }
            candidate = Path.Combine(dir.FullName, "node_modules", ".bin", "azurite");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            "Azurite is not installed: run 'npm ci --prefix tests' (or ./test.sh, which does it), or set AZURITE_BIN.");
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex Listening();
}
