using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using MusicFunctions.Archive;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.Orchestration;
using MusicFunctions.Requests;
using MusicFunctions.StandIn;

namespace MusicFunctions.IntegrationTests.Orchestration;

[Collection(PipelineCollection.Name)]
public class GenerationPipelineTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Generation_UpstreamSucceeds_ArchivesBothTracksByteForByteWithManifest()
    {
        // Arrange
        var prompt = GenerationRunner.UniquePrompt("spring j-pop");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt
            ? new GenerationScript { PollsBeforeDone = 2, AudioBytes = 300_000, CoverBytes = 20_000, Title = "Petals" }
            : null);

        // Act
        var run = await fixture.RunAsync(new MusicRequest { Prompt = prompt, Model = "suno-v5" });

        // Assert
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        var result = run.ReadOutputAs<GenerationResult>()!;
        var upstreamTask = fixture.Upstream.Tasks.Single(t => t.TaskId == result.TaskId);
        result.GenerationId.Should().Be(run.InstanceId);
        result.Tracks.Should().HaveCount(2);

        foreach (var track in result.Tracks)
        {
            track.Title.Should().Be("Petals");
            track.ModelName.Should().NotBeNullOrEmpty();
            track.Audio.BlobName.Should().StartWith($"{run.InstanceId}/track-{track.Number}-").And.EndWith(".mp3");
            track.Audio.ContentType.Should().Be("audio/mpeg");
            track.Audio.Size.Should().Be(300_000);
            await AssertBlobEquals(track.Audio, StandInFiles.Expected(upstreamTask.TaskId, track.TrackId, StandInFileKind.Audio, 300_000));

            track.Cover.Should().NotBeNull();
            track.Cover!.ContentType.Should().Be("image/jpeg");
            track.Cover.BlobName.Should().EndWith("-cover.jpeg");
            await AssertBlobEquals(track.Cover, StandInFiles.Expected(upstreamTask.TaskId, track.TrackId, StandInFileKind.Cover, 20_000));

            var properties = (await fixture.Container.GetBlobClient(track.Audio.BlobName).GetPropertiesAsync()).Value;
            properties.Metadata["taskid"].Should().Be(result.TaskId);
            properties.Metadata["trackid"].Should().Be(Uri.EscapeDataString(track.TrackId));
            properties.Metadata["title"].Should().Be("Petals");
            properties.Metadata["model"].Should().NotBeNullOrEmpty();
            properties.Metadata["sha256"].Should().Be(track.Audio.Sha256);
        }

        var manifest = await ReadManifest(result.Manifest.BlobName);
        manifest.GetProperty("generation_id").GetString().Should().Be(run.InstanceId);
        manifest.GetProperty("upstream").GetProperty("task_id").GetString().Should().Be(result.TaskId);
        manifest.GetProperty("request").GetProperty("prompt").GetString().Should().Be(prompt);
        manifest.GetProperty("tracks").EnumerateArray()
            .Select(t => t.GetProperty("audio").GetProperty("blob_name").GetString())
            .Should().Equal(result.Tracks.Select(t => t.Audio.BlobName));
        fixture.Upstream.Tasks.Count(t => t.Request.Prompt == prompt).Should().Be(1, "one generation submits exactly once");
    }

    [Fact]
    public async Task Generation_SnakeCaseTracks_ArchivesBothTracks()
    {
        var prompt = GenerationRunner.UniquePrompt("city pop");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { SnakeCaseTracks = true, PollsBeforeDone = 1 } : null);

        var run = await fixture.RunAsync(new MusicRequest { Prompt = prompt });

        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        var result = run.ReadOutputAs<GenerationResult>()!;
        var task = fixture.Upstream.Tasks.Single(t => t.TaskId == result.TaskId);
        foreach (var track in result.Tracks)
        {
            await AssertBlobEquals(track.Audio, StandInFiles.Expected(task.TaskId, track.TrackId, StandInFileKind.Audio, track.Audio.Size));
        }
    }

    [Fact]
    public async Task Generation_UpstreamFails_EndsFailedWithTheUpstreamReason()
    {
        var prompt = GenerationRunner.UniquePrompt("rejected");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt
            ? new GenerationScript { Outcome = StandInOutcome.Failed, FailReason = "The prompt was rejected by the content filter", PollsBeforeDone = 1 }
            : null);

        var run = await fixture.RunAsync(new MusicRequest { Prompt = prompt });

        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        run.FailureDetails!.ErrorMessage.Should().Contain("The prompt was rejected by the content filter");
        var blobs = await fixture.Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, run.InstanceId + "/", CancellationToken.None).ToListAsync();
        blobs.Should().BeEmpty("nothing is archived for a failed generation");
    }

    [Fact]
    public async Task Generation_UpstreamNeverFinishes_EndsFailedSayingItTimedOutAndAfterHowLong()
    {
        var prompt = GenerationRunner.UniquePrompt("endless");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { Outcome = StandInOutcome.Never } : null);
        var polling = new PollingOptions
        {
            InitialDelay = TimeSpan.FromMilliseconds(200),
            Interval = TimeSpan.FromMilliseconds(300),
            BackoffFactor = 1,
            MaxInterval = TimeSpan.FromMilliseconds(300),
            Timeout = TimeSpan.FromSeconds(2),
        };

        var run = await fixture.RunAsync(new MusicRequest { Prompt = prompt }, polling);

        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        run.FailureDetails!.ErrorMessage.Should().Contain("timed out after").And.Contain("Polling:Timeout").And.Contain("PROCESSING");
        var task = fixture.Upstream.Tasks.Single(t => t.Request.Prompt == prompt);
        fixture.Upstream.StatusCountFor(task.TaskId).Should().BeGreaterThan(1, "it kept polling until the deadline");
    }

    [Fact]
    public async Task Generation_WhileRunning_CustomStatusShowsUpstreamTaskAndProgress()
    {
        var prompt = GenerationRunner.UniquePrompt("slow");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 6 } : null);

        var id = await fixture.StartAsync(new MusicRequest { Prompt = prompt });
        GenerationProgress? seen = null;
        for (var i = 0; i < 100 && seen is not { Status: "PROCESSING" }; i++)
        {
            await Task.Delay(100);
            seen = (await fixture.Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.ReadCustomStatusAs<GenerationProgress>();
        }
        var run = await fixture.WaitAsync(id);

        seen.Should().NotBeNull();
        seen!.Status.Should().Be("PROCESSING");
        seen.TaskId.Should().Be(fixture.Upstream.Tasks.Single(t => t.Request.Prompt == prompt).TaskId);
        seen.Progress.Should().BeInRange(1, 99);
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
    }

    private async Task AssertBlobEquals(ArchivedFile file, byte[] expected)
    {
        var blob = fixture.Container.GetBlobClient(file.BlobName);
        var content = (await blob.DownloadContentAsync()).Value;
        content.Content.ToArray().Should().Equal(expected, $"{file.BlobName} must hold exactly the upstream's bytes");
        content.Details.ContentType.Should().Be(file.ContentType);
        content.Details.ContentHash.Should().Equal(System.Security.Cryptography.MD5.HashData(expected));
    }

    private async Task<JsonElement> ReadManifest(string blobName)
    {
        var content = (await fixture.Container.GetBlobClient(blobName).DownloadContentAsync()).Value;
        content.Details.ContentType.Should().Be("application/json");
        return JsonDocument.Parse(content.Content.ToString()).RootElement.Clone();
    }
}
