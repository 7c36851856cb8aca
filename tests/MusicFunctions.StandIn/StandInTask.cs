namespace MusicFunctions.StandIn;

/// <summary>One generation task and its progress through its script. Thread-safe.</summary>
internal sealed class StandInTask(
    string id, SubmittedRequest request, GenerationScript script, IReadOnlyList<string> trackIds, DateTimeOffset submittedAt)
{
    private readonly object _gate = new();
    private int _polls;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _finishedAt;
    private DateTimeOffset? _firstTerminalServedAt;

    public string Id => id;
    public SubmittedRequest Request => request;
    public GenerationScript Script => script;
    public IReadOnlyList<string> TrackIds => trackIds;
    public DateTimeOffset SubmittedAt => submittedAt;

    /// <summary>Answers one status poll and moves the script along.</summary>
    public TaskView Poll(DateTimeOffset now)
    {
        lock (_gate)
        {
            _polls++;
            var (status, progress) = script.CompleteAfter is { } completeAfter
                ? PhaseByElapsedTime(now - submittedAt, completeAfter)
                : PhaseByPollCount(_polls);

            if (status != UpstreamStatus.Pending)
            {
                _startedAt ??= now;
            }
            if (status is UpstreamStatus.Success or UpstreamStatus.Failed)
            {
                _finishedAt ??= script.CompleteAfter is { } after ? submittedAt + after : now;
                // A task first seen terminal cannot have started after it finished.
                if (_startedAt > _finishedAt)
                {
                    _startedAt = _finishedAt;
                }
            }
            return new TaskView(status, progress, _startedAt, _finishedAt);
        }
    }

    /// <summary>Notes that a terminal answer reached a client intact.</summary>
    public void MarkTerminalServed(DateTimeOffset now)
    {
        lock (_gate)
        {
            _firstTerminalServedAt ??= now;
        }
    }

    public StandInTaskRecord Snapshot(DateTimeOffset now)
    {
        lock (_gate)
        {
            // In CompleteAfter mode the task finishes upstream whether or not anyone polls.
            var finishedAt = _finishedAt;
            if (script is { CompleteAfter: { } after, Outcome: not StandInOutcome.Never } && now >= submittedAt + after)
            {
                finishedAt = submittedAt + after;
            }
            return new StandInTaskRecord(id, request, script, trackIds, submittedAt, finishedAt, _firstTerminalServedAt, _polls);
        }
    }

    private (string Status, int Progress) PhaseByPollCount(int poll)
    {
        if (poll > script.PollsBeforeDone && script.Outcome != StandInOutcome.Never)
        {
            return Terminal();
        }
        if (poll == 1)
        {
            return (UpstreamStatus.Pending, 0);
        }
        var progress = (poll - 1) * 100 / Math.Max(1, script.PollsBeforeDone);
        return (UpstreamStatus.Processing, Math.Min(progress, 99));
    }

    private (string Status, int Progress) PhaseByElapsedTime(TimeSpan elapsed, TimeSpan completeAfter)
    {
        if (elapsed >= completeAfter && script.Outcome != StandInOutcome.Never)
        {
            return Terminal();
        }
        var progress = completeAfter > TimeSpan.Zero ? (int)(elapsed / completeAfter * 100) : 99;
        progress = Math.Clamp(progress, 0, 99);
        return (progress == 0 ? UpstreamStatus.Pending : UpstreamStatus.Processing, progress);
    }

    private (string Status, int Progress) Terminal() =>
        (script.Outcome == StandInOutcome.Failed ? UpstreamStatus.Failed : UpstreamStatus.Success, 100);
}
