using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MusicFunctions.Orchestration;
using MusicFunctions.Orchestration.Activities;
using MusicFunctions.Requests;
using MusicFunctions.StandIn;
using MusicFunctions.Upstream;

namespace MusicFunctions.IntegrationTests.Archive;

[Collection(ArchiveCollection.Name)]
public class WriteManifestActivityTests(ArchiveFixture fixture)
{
    [Fact]
    public async Task RunAsync_ArchivedTrack_ManifestHoldsSizesTypesAndHashesOfAudioAndCover()
    {
        // Arrange: one track archived for real.
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript { AudioBytes = 70_000, CoverBytes = 9_000 });
        var generationId = "gen-" + Guid.NewGuid().ToString("N");
        var trackId = task.TrackIds[0];
        await using var services = fixture.BuildServices();
        var track = await services.GetRequiredService<ArchiveTrackActivity>().RunAsync(new ArchiveTrackInput
        {
            GenerationId = generationId,
            TaskId = task.TaskId,
            Number = 1,
            Track = new UpstreamTrack
            {
                Id = trackId,
                Title = "Petals",
                AudioUrl = fixture.Upstream.FileUrl(task.TaskId, trackId, StandInFileKind.Audio).AbsoluteUri,
                ImageUrl = fixture.Upstream.FileUrl(task.TaskId, trackId, StandInFileKind.Cover).AbsoluteUri,
            },
        }, CancellationToken.None);

        // Act
        var manifest = await services.GetRequiredService<WriteManifestActivity>().RunAsync(new ManifestInput
        {
            GenerationId = generationId,
            TaskId = task.TaskId,
            Request = new MusicRequest { Prompt = "spring j-pop", Model = "suno-v5" },
            Tracks = [track],
            Failures = [new TrackFailure(2, "other", "Refused: not audio")],
            CompletedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        }, CancellationToken.None);

        // Assert
        manifest.BlobName.Should().Be($"{generationId}/manifest.json");
        var content = (await fixture.Container.GetBlobClient(manifest.BlobName).DownloadContentAsync()).Value.Content.ToArray();
        manifest.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(content)));
        manifest.Md5.Should().Be(Convert.ToHexStringLower(MD5.HashData(content)));

        var root = JsonDocument.Parse(content).RootElement;
        root.GetProperty("upstream").GetProperty("task_id").GetString().Should().Be(task.TaskId);
        root.GetProperty("request").GetProperty("prompt").GetString().Should().Be("spring j-pop");
        root.GetProperty("failed_tracks")[0].GetProperty("reason").GetString().Should().Be("Refused: not audio");
        var entry = root.GetProperty("tracks")[0];
        entry.GetProperty("track_id").GetString().Should().Be(trackId);
        entry.GetProperty("title").GetString().Should().Be("Petals");
        var audio = StandInFiles.Expected(task.TaskId, trackId, StandInFileKind.Audio, 70_000);
        var cover = StandInFiles.Expected(task.TaskId, trackId, StandInFileKind.Cover, 9_000);
        AssertFile(entry.GetProperty("audio"), track.Audio.BlobName, "audio/mpeg", audio);
        AssertFile(entry.GetProperty("cover"), track.Cover!.BlobName, "image/jpeg", cover);
    }

    private static void AssertFile(JsonElement file, string blobName, string contentType, byte[] bytes)
    {
        file.GetProperty("blob_name").GetString().Should().Be(blobName);
        file.GetProperty("content_type").GetString().Should().Be(contentType);
        file.GetProperty("size").GetInt64().Should().Be(bytes.Length);
        file.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        file.GetProperty("md5").GetString().Should().Be(Convert.ToHexStringLower(MD5.HashData(bytes)));
    }
}
