namespace MusicFunctions.Tests.Upstream;

/// <summary>The upstream sample payloads copied beside the tests.</summary>
internal static class Samples
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Upstream", "Samples", name));
}
