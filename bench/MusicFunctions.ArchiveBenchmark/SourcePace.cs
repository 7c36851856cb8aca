using System.Globalization;

namespace MusicFunctions.ArchiveBenchmark;

/// <summary>
/// How fast the stand-in serves the file: unpaced (loopback, as fast as it can, so storage is the
/// slower end) or at a fixed MiB/s, like a CDN over the internet (so the download is).
/// </summary>
public readonly record struct SourcePace(double? MibPerSecond)
{
    public const string UnpacedName = "unpaced";

    public static SourcePace Unpaced => new(null);

    public long? BytesPerSecond => MibPerSecond is { } mib ? (long)(mib * 1048576) : null;

    /// <summary><c>unpaced</c> or a positive number of MiB/s.</summary>
    public static SourcePace Parse(string text)
    {
        text = text.Trim();
        if (text.Equals(UnpacedName, StringComparison.OrdinalIgnoreCase))
        {
            return Unpaced;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var mib) && mib > 0 && double.IsFinite(mib))
        {
            return new SourcePace(mib);
        }
        throw new ArgumentException($"--source-rate takes '{UnpacedName}' or a positive number of MiB/s, not '{text}'.");
    }

    public override string ToString() =>
        MibPerSecond is { } mib ? string.Create(CultureInfo.InvariantCulture, $"{mib:0.##} MiB/s") : UnpacedName;
}
