using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using MusicFunctions.Archive;
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

    public static async Task<GenerationResult> RunAsync(TaskOrchestrationContext context, GenerationInput input)
    {
        var logger = context.CreateReplaySafeLogger<MusicGenerationOrchestrator>();
        var polling = input.Polling;

        var taskId = await CallAsync<string>(context, SubmitGenerationActivity.Name, input.Request, "Submitting the generation");
        var submittedAt = context.CurrentUtcDateTime;
        var deadline = submittedAt + polling.Timeout;
        var progress = new GenerationProgress(taskId, "PENDING", 0);
        context.SetCustomStatus(progress);
        logger.LogInformation("Generation {GenerationId} submitted as upstream task {TaskId}", context.InstanceId, taskId);

        var snapshot = await PollUntilTerminalAsync(context, polling, taskId, deadline, progress);
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
        }, "Writing the manifest");

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
            });
            return (archived, null);
        }
        catch (TaskFailedException ex)
        {
            return (null, new TrackFailure(number, track.Id, ex.FailureDetails.ErrorMessage));
        }
    }

    /// <summary>Polls until SUCCESS or FAILED; returns the last snapshot, non-terminal when the deadline passed.</summary>
    private static async Task<TaskSnapshot> PollUntilTerminalAsync(
        TaskOrchestrationContext context, PollingOptions polling, string taskId, DateTime deadline, GenerationProgress progress)
    {
        for (var round = 0; ; round++)
        {
            var now = context.CurrentUtcDateTime;
            var wakeAt = now + PollingSchedule.DelayBeforePoll(polling, round);
            // The last poll happens at the deadline itself, so a task finishing just in time is not lost.
            await context.CreateTimer(wakeAt < deadline ? wakeAt : deadline, CancellationToken.None);

            var snapshot = await CallAsync<TaskSnapshot>(context, GetTaskStatusActivity.Name, taskId, "Reading the task status");
            var seen = new GenerationProgress(taskId, snapshot.StatusText, snapshot.Progress ?? progress.Progress);
            if (seen != progress)
            {
                progress = seen;
                context.SetCustomStatus(progress);
            }

            if (snapshot.Status is UpstreamStatus.Success or UpstreamStatus.Failed || context.CurrentUtcDateTime >= deadline)
            {
                return snapshot;
            }
        }
    }

    /// <summary>Calls an activity; its failure ends the generation with a message that says which step failed and why.</summary>
    private static async Task<T> CallAsync<T>(TaskOrchestrationContext context, string activity, object input, string step)
    {
        try
        {
            return await context.CallActivityAsync<T>(activity, input);
        }
        catch (TaskFailedException ex)
        {
            throw new GenerationFailedException($"{step} failed: {ex.FailureDetails.ErrorMessage}");
        }
    }

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds}s" : $"{span.TotalSeconds:0.#}s";
}
