using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;
using MusicFunctions.Archive;
using MusicFunctions.Orchestration;
using MusicFunctions.Orchestration.Activities;
using MusicFunctions.Requests;
using MusicFunctions.Upstream;

namespace MusicFunctions.Tests.Orchestration;

/// <summary>
/// A mocked orchestration context with a virtual clock: timers complete at once and move the
/// clock to their fire time; activity answers are scripted; every decision is recorded.
/// </summary>
internal sealed class OrchestrationContextFake
{
    public static readonly DateTime Start = new(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);

    private readonly Queue<Func<TaskSnapshot>> _polls = new();

    public OrchestrationContextFake(string taskId = "task-1")
    {
        Now = Start;
        Mock.Protected().Setup<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        Mock.Setup(c => c.InstanceId).Returns("gen-1");
        Mock.Setup(c => c.CurrentUtcDateTime).Returns(() => Now);
        Mock.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime fireAt, CancellationToken _) =>
            {
                Timers.Add(fireAt);
                Now = fireAt > Now ? fireAt : Now;
                return Task.CompletedTask;
            });
        Mock.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback((object? status) => CustomStatuses.Add((GenerationProgress)status!));

        Mock.Setup(c => c.CallActivityAsync<string>(Named(SubmitGenerationActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                Calls.Add(SubmitGenerationActivity.Name);
                SubmittedRequest = (MusicRequest)input!;
                return Task.FromResult(taskId);
            });
        Mock.Setup(c => c.CallActivityAsync<TaskSnapshot>(Named(GetTaskStatusActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(() =>
            {
                Calls.Add(GetTaskStatusActivity.Name);
                return Task.FromResult(_polls.Count > 1 ? _polls.Dequeue()() : _polls.Peek()());
            });
        Mock.Setup(c => c.CallActivityAsync<ArchivedTrack>(Named(ArchiveTrackActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                var archive = (ArchiveTrackInput)input!;
                Calls.Add(ArchiveTrackActivity.Name);
                ArchiveInputs.Add(archive);
                return Task.FromResult(new ArchivedTrack
                {
                    Number = archive.Number,
                    TrackId = archive.Track.Id,
                    Audio = File($"{archive.GenerationId}/track-{archive.Number}.mp3"),
                });
            });
        Mock.Setup(c => c.CallActivityAsync<ArchivedFile>(Named(WriteManifestActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                Calls.Add(WriteManifestActivity.Name);
                ManifestInput = (ManifestInput)input!;
                return Task.FromResult(File("gen-1/manifest.json"));
            });
    }

    public Mock<TaskOrchestrationContext> Mock { get; } = new() { CallBase = true };
    public DateTime Now { get; private set; }
    public List<DateTime> Timers { get; } = [];
    public List<string> Calls { get; } = [];
    public List<GenerationProgress> CustomStatuses { get; } = [];
    public List<ArchiveTrackInput> ArchiveInputs { get; } = [];
    public MusicRequest? SubmittedRequest { get; private set; }
    public ManifestInput? ManifestInput { get; private set; }

    /// <summary>Scripts the next status poll; the last one scripted repeats forever.</summary>
    public OrchestrationContextFake ThenPoll(UpstreamStatus status, int? progress = null, string? failReason = null, int tracks = 0)
    {
        var snapshot = new TaskSnapshot
        {
            TaskId = "task-1",
            Status = status,
            StatusText = status.ToString().ToUpperInvariant(),
            Progress = progress,
            FailReason = failReason,
            Tracks = Enumerable.Range(1, tracks).Select(i => new UpstreamTrack { Id = $"track-{i}", AudioUrl = $"https://cdn.example/{i}.mp3" }).ToList(),
        };
        _polls.Enqueue(() => snapshot);
        return this;
    }

    /// <summary>Makes an activity fail the way Durable reports it to the orchestrator.</summary>
    public void FailActivity<T>(string activity, string message) =>
        Mock.Setup(c => c.CallActivityAsync<T>(Named(activity), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(new TaskFailedException(activity, 1, new TaskFailureDetails("UpstreamException", message, null, null, null)));

    private static TaskName Named(string name) => It.Is<TaskName>(n => n.Name == name);

    private static ArchivedFile File(string name) =>
        new() { BlobName = name, Url = new Uri($"http://127.0.0.1/music/{name}"), Size = 1, ContentType = "audio/mpeg" };
}
