using System.Diagnostics;
using MusicFunctions.StandIn;

namespace MusicFunctions.IntegrationTests.StandIn;

/// <summary>
/// The stand-in's paced files (GenerationScript.FileBytesPerSecond), which the archive benchmark's
/// CDN-like scenario relies on: the pace is a ceiling the bytes never outrun, and the bytes are the same.
/// Only lower bounds on time are asserted: a busy machine can make a transfer slower, never faster.
/// </summary>
public sealed class StandInFilePacingTests : IAsyncLifetime
{
    private const long FileBytes = 1024 * 1024;
    private const long BytesPerSecond = 2 * 1024 * 1024;

    private StandInServer _standIn = null!;

    public async Task InitializeAsync() => _standIn = await StandInServer.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task PacedFile_IsSentNoFasterThanItsPace_WithTheSameBytes()
    {
        // Arrange: 1 MiB at 2 MiB/s is due after 500 ms; the pacer lets a stalled reader catch up 20 ms at most.
        // An unpaced file first, so that connection set-up and first-use costs do not count towards the time.
        using var http = new HttpClient();
        var (_, _, warmUpUrl) = await CreateFileAsync(new GenerationScript { AudioBytes = FileBytes });
        await http.GetByteArrayAsync(warmUpUrl);
        var (taskId, trackId, url) = await CreateFileAsync(new GenerationScript { AudioBytes = FileBytes, FileBytesPerSecond = BytesPerSecond });

        // Act
        var clock = Stopwatch.StartNew();
        var bytes = await http.GetByteArrayAsync(url);
        clock.Stop();

        // Assert
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(460), $"1 MiB at 2 MiB/s arrived in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(StandInFiles.Expected(taskId, trackId, StandInFileKind.Audio, FileBytes), bytes);
    }

    [Fact]
    public void FileBytesPerSecond_Zero_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationScript { FileBytesPerSecond = 0 });
    }

    private async Task<(string TaskId, string TrackId, Uri Url)> CreateFileAsync(GenerationScript script)
    {
        _standIn.Enqueue(script);
        var task = await _standIn.SubmitAsync("paced file");
        var (taskId, trackId) = (task.TaskId, task.TrackIds[0]);
        return (taskId, trackId, _standIn.FileUrl(taskId, trackId, StandInFileKind.Audio));
    }
}
