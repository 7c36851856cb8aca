using System.Runtime.InteropServices;

namespace MusicFunctions.IntegrationTests.Infrastructure;

/// <summary>
/// An orderly outage of <see cref="Azurite"/>. <see cref="Azurite.StopAsync"/> kills the process, and Azurite
/// writes its metadata to disk only every 5 seconds, so a kill forgets what it acknowledged in its last
/// seconds (blobs, queue messages): a crash no real storage account has. On SIGTERM Azurite stops answering
/// and saves its metadata at once; it then waits for open connections to go, so it is killed after a grace.
/// </summary>
public sealed partial class Azurite
{
    private const int SigTerm = 15;

    /// <summary>
    /// Shuts the emulator down (SIGTERM, then a kill after <paramref name="grace"/>, 2 s by default), keeping
    /// every acknowledged write for <see cref="RestartAsync"/>.
    /// </summary>
    public async Task ShutDownAsync(TimeSpan? grace = null)
    {
        if (_process is not { HasExited: false } process)
        {
            _process = null;
            return;
        }
        if (!OperatingSystem.IsWindows() && SendSignal(process.Id, SigTerm) == 0)
        {
            using var wait = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(2));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // Did not stop in time: fall back to the kill.
            }
        }
        await StopAsync();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
