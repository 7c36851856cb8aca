using System.Globalization;

namespace MusicFunctions.StandIn;

/// <summary>
/// Everything one stand-in remembers: scripts waiting for submits, tasks, faults, counters and
/// the request log. Shared by the endpoints and by <see cref="StandInServer"/>. Thread-safe.
/// </summary>
internal sealed class StandInState(StandInServerOptions options)
{
    private const int DefaultTrackCount = 2;

    private readonly object _gate = new();
    private readonly Queue<GenerationScript> _scripts = new();
    private readonly Dictionary<string, StandInTask> _tasksById = new(StringComparer.Ordinal);
    private readonly List<StandInTask> _tasksInSubmitOrder = [];
    private readonly Dictionary<string, int> _statusCountByTask = new(StringComparer.Ordinal);
    private readonly List<StandInRequestRecord> _requests = [];
    private Func<SubmittedRequest, GenerationScript?>? _resolver;
    private int _submitCount;
    private int _statusCount;
    private int _fileRequestCount;

    public StandInServerOptions Options => options;

    public StandInFaultQueue Faults { get; } = new();

    public DateTimeOffset Now => options.Clock.GetUtcNow();

    public int SubmitCount => Volatile.Read(ref _submitCount);

    public int StatusCount => Volatile.Read(ref _statusCount);

    public int FileRequestCount => Volatile.Read(ref _fileRequestCount);

    public void Enqueue(GenerationScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        lock (_gate)
        {
            _scripts.Enqueue(script);
        }
    }

    public void ScriptFor(Func<SubmittedRequest, GenerationScript?> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        lock (_gate)
        {
            _resolver = resolver;
        }
    }

    /// <summary>Creates a task for an accepted submit, with the script the submit is due.</summary>
    public StandInTask CreateTask(SubmittedRequest request)
    {
        var script = PickScript(request);
        var id = Guid.NewGuid().ToString("N");
        var trackIds = script.TrackIds ?? DefaultTrackIds(id);
        var task = new StandInTask(id, request, script, trackIds, Now);
        lock (_gate)
        {
            _tasksById[id] = task;
            _tasksInSubmitOrder.Add(task);
        }
        return task;
    }

    public StandInTask? FindTask(string taskId)
    {
        lock (_gate)
        {
            return _tasksById.GetValueOrDefault(taskId);
        }
    }

    public IReadOnlyList<StandInTaskRecord> TaskSnapshots()
    {
        StandInTask[] tasks;
        lock (_gate)
        {
            tasks = [.. _tasksInSubmitOrder];
        }
        var now = Now;
        return [.. tasks.Select(task => task.Snapshot(now))];
    }

    public void CountSubmit() => Interlocked.Increment(ref _submitCount);

    public void CountFileRequest() => Interlocked.Increment(ref _fileRequestCount);

    public void CountStatus(string taskId)
    {
        Interlocked.Increment(ref _statusCount);
        lock (_gate)
        {
            _statusCountByTask[taskId] = _statusCountByTask.GetValueOrDefault(taskId) + 1;
        }
    }

    public int StatusCountFor(string taskId)
    {
        lock (_gate)
        {
            return _statusCountByTask.GetValueOrDefault(taskId);
        }
    }

    public void Record(StandInRequestRecord request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    public IReadOnlyList<StandInRequestRecord> RequestSnapshots()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    /// <summary>Forgets scripts, the resolver, faults, tasks, counters and records.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _scripts.Clear();
            _resolver = null;
            _tasksById.Clear();
            _tasksInSubmitOrder.Clear();
            _statusCountByTask.Clear();
            _requests.Clear();
            Interlocked.Exchange(ref _submitCount, 0);
            Interlocked.Exchange(ref _statusCount, 0);
            Interlocked.Exchange(ref _fileRequestCount, 0);
        }
        Faults.Clear();
    }

    // Queued scripts first, then the resolver; the default script is the only one prompt directives touch,
    // so an explicit script from a test is never altered by the prompt's text.
    private GenerationScript PickScript(SubmittedRequest request)
    {
        Func<SubmittedRequest, GenerationScript?>? resolver;
        lock (_gate)
        {
            if (_scripts.TryDequeue(out var queued))
            {
                return queued;
            }
            resolver = _resolver;
        }
        return resolver?.Invoke(request) ?? PromptDirectives.Apply(options.DefaultScript, request.Prompt);
    }

    private static string[] DefaultTrackIds(string taskId) =>
        [.. Enumerable.Range(0, DefaultTrackCount).Select(i => StableRandom.Uuid(StableRandom.Hash(taskId, "track", i.ToString(CultureInfo.InvariantCulture))))];
}
