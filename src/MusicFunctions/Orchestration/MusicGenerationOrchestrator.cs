using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using MusicFunctions.Archive;
using MusicFunctions.Events;
using MusicFunctions.Orchestration.Activities;
using MusicFunctions.Upstream;

namespace MusicFunctions.Orchestration;

/// <summary>
/// One generation, start to finish: submit, poll on durable timers until the upstream task
/// succeeds or fails, then archive every track in parallel and write the manifest.
/// Deterministic: time comes from the context, settings from the input.
/// </summary>
public sealed class MusicGenerationOrchestrator
{
    public const string Name = "MusicGeneration";

    [Function(Name)]
    public Task<GenerationResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RunAsync(context, context.GetInput<GenerationInput>()
            ?? throw new GenerationFailedException("The orchestration was started without a GenerationInput."));

    /// <summary>
    /// The generation, then its result event (queue and callback; see <see cref="GenerationAnnouncements"/>) on
    /// every outcome the orchestrator sees end: completed, failed or timed out. A cancelled (terminated) run
    /// runs no more code; the DELETE endpoint announces it.
    /// </summary>
    public static async Task<GenerationResult> RunAsync(TaskOrchestrationContext context, GenerationInput input)
    {
        GenerationResult result;
        try
        {
            result = await GenerateAsync(context, input);
        }
        catch (Exception ex) when (ex is GenerationFailedException or TaskFailedException)
        {
            await GenerationAnnouncements.AnnounceFailedAsync(context, input, ex);
            throw;
        }
        await GenerationAnnouncements.AnnounceCompletedAsync(context, input, result);
        return result;
    }

    private static async Task<GenerationResult> GenerateAsync(TaskOrchestrationContext context, GenerationInput input)
    {
        var logger = context.CreateReplaySafeLogger<MusicGenerationOrchestrator>();
        var polling = input.Polling;

        var taskId = await CallAsync<string>(context, SubmitGenerationActivity.Name, input.Request, "Submitting the generation",
            ActivityRetries.Submit(input.Resilience));
        var submittedAt = context.CurrentUtcDateTime;
        var deadline = submittedAt + polling.Timeout;
        var progress = new GenerationProgress(taskId, "PENDING", 0);
        context.SetCustomStatus(progress);
        logger.LogInformation("Generation {GenerationId} submitted as upstream task {TaskId}", context.InstanceId, taskId);

        var snapshot = await PollUntilTerminalAsync(context, polling, input.Resilience, taskId, deadline, progress);
        if (snapshot.Status == UpstreamStatus.Failed)
        {
            var reason = string.IsNullOrWhiteSpace(snapshot.FailReason) ? "no reason given" : snapshot.FailReason;
            throw new GenerationFailedException($"The upstream generation failed (task {taskId}): {reason}");
        }
        if (snapshot.Status != UpstreamStatus.Success)
        {
            var waited = context.CurrentUtcDateTime - submittedAt;
            throw new GenerationFailedException(
                $"The generation timed out after {Describe(waited)} (Polling:Timeout is {Describe(polling.Timeout)}): " +
                $"upstream task {taskId} was still {snapshot.StatusText}{(snapshot.Progress is { } p ? $" at {p}%" : "")}.");
        }
        if (snapshot.Tracks.Count == 0)
        {
            throw new GenerationFailedException($"The upstream reported task {taskId} as SUCCESS but sent no tracks.");
        }
        var unfinished = snapshot.Tracks.Select((track, index) => (Number: index + 1, Why: TrackAudio.WhyNotFinal(track)))
            .FirstOrDefault(t => t.Why is not null);
        if (unfinished.Why is not null)
        {
            throw new GenerationFailedException(
                $"The upstream reported task {taskId} as SUCCESS, but track {unfinished.Number} still had {unfinished.Why} " +
                $"after polling again (Resilience:IncompleteSuccessPolls is {input.Resilience.IncompleteSuccessPolls}); " +
                "the song is not finished upstream: look for it in the provider's task list later.");
        }

        logger.LogInformation("Upstream task {TaskId} succeeded with {TrackCount} tracks; archiving", taskId, snapshot.Tracks.Count);
        // Tracks are archived independently: one refused file must not cost the other song.
        var outcomes = await Task.WhenAll(snapshot.Tracks.Select((track, index) => ArchiveAsync(context, input, taskId, track, index + 1)));
        var tracks = outcomes.Where(o => o.Track is not null).Select(o => o.Track!).ToArray();
        var failures = outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!).ToArray();

        var manifest = await CallAsync<ArchivedFile>(context, WriteManifestActivity.Name, new ManifestInput
        {
            GenerationId = context.InstanceId,
            TaskId = taskId,
            Request = input.Request,
            Tracks = tracks,
            Failures = failures,
            CompletedAt = context.CurrentUtcDateTime,
        }, "Writing the manifest", ActivityRetries.Manifest(input.Resilience));

        if (failures.Length > 0)
        {
            throw new GenerationFailedException(
                $"Archived {tracks.Length} of {outcomes.Length} tracks of upstream task {taskId} (manifest: {manifest.BlobName}); " +
                string.Join("; ", failures.Select(f => $"track {f.Number} failed: {f.Reason}")));
        }

        context.SetCustomStatus(progress with { Status = "ARCHIVED", Progress = 100 });
        return new GenerationResult { GenerationId = context.InstanceId, TaskId = taskId, Tracks = tracks, Manifest = manifest };
    }

    private static async Task<(ArchivedTrack? Track, TrackFailure? Failure)> ArchiveAsync(
        TaskOrchestrationContext context, GenerationInput input, string taskId, UpstreamTrack track, int number)
    {
        try
        {
            var archived = await context.CallActivityAsync<ArchivedTrack>(ArchiveTrackActivity.Name, new ArchiveTrackInput
            {
                GenerationId = context.InstanceId,
                TaskId = taskId,
                Number = number,
                Track = track,
                RequestedModel = input.Request.Model,
            }, ActivityRetries.Archive(input.Resilience));
            return (archived, null);
        }
        catch (TaskFailedException ex)
        {
            return (null, new TrackFailure(number, track.Id, ex.FailureDetails.ErrorMessage));
        }
    }

    /// <summary>Polls until SUCCESS or FAILED; returns the last snapshot, non-terminal when the deadline passed.</summary>
    private static async Task<TaskSnapshot> PollUntilTerminalAsync(
        TaskOrchestrationContext context, PollingOptions polling, ResilienceOptions resilience, string taskId, DateTime deadline,
        GenerationProgress progress)
    {
        var statusRetry = ActivityRetries.StatusPoll(resilience);
        var incompleteSuccesses = 0;
        var pollsWithoutChange = 0;
        for (var round = 0; ; round++)
        {
            var now = context.CurrentUtcDateTime;
            // The deadline is submit time + Timeout; progress.Progress is the last percent the upstream reported.
            var wakeAt = now + PollingSchedule.DelayBeforePoll(
                polling, round, now - (deadline - polling.Timeout), progress.Progress, pollsWithoutChange);
            // The last poll happens at the deadline itself, so a task finishing just in time is not lost.
            await context.CreateTimer(wakeAt < deadline ? wakeAt : deadline, CancellationToken.None);

            var snapshot = await CallAsync<TaskSnapshot>(context, GetTaskStatusActivity.Name, taskId, $"Reading the status of upstream task {taskId}", statusRetry);
            var seen = new GenerationProgress(taskId, snapshot.StatusText, snapshot.Progress ?? progress.Progress);
            pollsWithoutChange = round > 0 && seen.Progress == progress.Progress ? pollsWithoutChange + 1 : 0;
            if (seen != progress)
            {
                progress = seen;
                context.SetCustomStatus(progress);
            }

            // SUCCESS before the final files are in (no tracks, empty or stream-only audio URLs): ask again, a few times.
            if (snapshot.Status == UpstreamStatus.Success && !(snapshot.Tracks.Count > 0 && snapshot.Tracks.All(TrackAudio.HasFinalFile))
                && incompleteSuccesses++ < resilience.IncompleteSuccessPolls && context.CurrentUtcDateTime < deadline)
            {
                continue;
            }

            if (snapshot.Status is UpstreamStatus.Success or UpstreamStatus.Failed || context.CurrentUtcDateTime >= deadline)
            {
                return snapshot;
            }
        }
    }

    /// <summary>
    /// Calls an activity under its durable retry policy; a failure that outlasts it ends the generation
    /// with a message that says which step failed and why.
    /// </summary>
    private static async Task<T> CallAsync<T>(TaskOrchestrationContext context, string activity, object input, string step, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<T>(activity, input, retry);
        }
        catch (TaskFailedException ex)
        {
            throw new GenerationFailedException($"{step} failed: {ex.FailureDetails.ErrorMessage}");
        }
    }

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds}s" : $"{span.TotalSeconds:0.#}s";
}
