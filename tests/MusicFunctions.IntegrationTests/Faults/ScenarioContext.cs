using System.Diagnostics;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.StandIn;

namespace MusicFunctions.IntegrationTests.Faults;

/// <summary>What a scenario's <see cref="FaultScenario.During"/> step may do while its generations run.</summary>
public sealed class ScenarioContext(StandInServer upstream, Azurite storage, Action<string> log)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _injected;

    public StandInServer Upstream => upstream;

    public Azurite Storage => storage;

    /// <summary>Faults queued so far, so the suite can check every one was served.</summary>
    public int Injected => Volatile.Read(ref _injected);

    public void Inject(StandInEndpoint endpoint, StandInFault fault, int times = 1)
    {
        upstream.InjectFault(endpoint, fault, times);
        Interlocked.Add(ref _injected, times);
    }

    public void Log(string line) => log($"[{_clock.Elapsed.TotalSeconds,5:0.0} s] {line}");
}
