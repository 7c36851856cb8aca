using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.DurableTask.Client;

namespace MusicFunctions.Http;

/// <summary>
/// The continuation token of the generation list: the position (creation time, then id) of the last
/// generation a page showed. The next page starts strictly after it, so generations created meanwhile
/// (they sort first) never shift later pages. Opaque to callers: base64url of "{utc ticks}.{id}".
/// </summary>
public sealed record ListCursor(long CreatedAtUtcTicks, string InstanceId)
{
    public static ListCursor At(OrchestrationMetadata instance) => new(instance.CreatedAt.UtcTicks, instance.InstanceId);

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        CreatedAtUtcTicks.ToString(CultureInfo.InvariantCulture) + "." + InstanceId));

    /// <summary>The cursor in <paramref name="token"/>, or null when it is not one of ours.</summary>
    public static ListCursor? TryDecode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var dot = text.IndexOf('.');
            return dot > 0
                && long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && dot < text.Length - 1
                ? new ListCursor(ticks, text[(dot + 1)..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The newest-first order: later creation first, then by id.</summary>
    public static int Compare(OrchestrationMetadata x, OrchestrationMetadata y)
    {
        var byTime = y.CreatedAt.UtcTicks.CompareTo(x.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.InstanceId, y.InstanceId);
    }

    /// <summary>Whether <paramref name="instance"/> comes after this position in newest-first order.</summary>
    public bool Precedes(OrchestrationMetadata instance) =>
        instance.CreatedAt.UtcTicks < CreatedAtUtcTicks
        || (instance.CreatedAt.UtcTicks == CreatedAtUtcTicks && string.CompareOrdinal(instance.InstanceId, InstanceId) > 0);
}
