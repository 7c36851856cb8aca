using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MusicFunctions.Upstream;

/// <summary>
/// Reads the upstream's envelope and task object. Tolerant of the shapes the provider family
/// sends (camelCase or snake_case tracks, numbers as strings), strict about what we need.
/// </summary>
public static partial class UpstreamResponseParser
{
    private const int ExcerptLength = 200;

    /// <summary>Parses a task envelope; throws <see cref="UpstreamException"/> when it is an error or unreadable.</summary>
    public static UpstreamTask ParseTask(string body)
    {
        using var document = ParseJson(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("the answer is not a JSON object", body);
        }

        var code = GetString(root, "code");
        if (code is not null && !code.Equals("success", StringComparison.OrdinalIgnoreCase))
        {
            throw ErrorFromEnvelope(code, GetString(root, "message"), statusCode: null);
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("the answer has no 'data' task object", body);
        }

        var taskId = GetString(data, "task_id", "taskId", "id");
        if (string.IsNullOrWhiteSpace(taskId))
        {
            throw Malformed("the task object has no 'task_id'", body);
        }

        var statusText = GetString(data, "status");
        if (string.IsNullOrWhiteSpace(statusText))
        {
            throw Malformed("the task object has no 'status'", body);
        }

        var tracks = new List<UpstreamTrack>();
        if (data.TryGetProperty("data", out var trackArray) && trackArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var track in trackArray.EnumerateArray())
            {
                if (track.ValueKind == JsonValueKind.Object)
                {
                    tracks.Add(ParseTrack(track));
                }
            }
        }

        return new UpstreamTask
        {
            TaskId = taskId,
            Action = GetString(data, "action"),
            Status = ParseStatus(statusText),
            StatusText = statusText,
            Progress = ParseProgress(GetString(data, "progress")),
            FailReason = GetString(data, "fail_reason", "failReason"),
            SubmittedAt = ParseUnixSeconds(data, "submit_time", "submitTime"),
            StartedAt = ParseUnixSeconds(data, "start_time", "startTime"),
            FinishedAt = ParseUnixSeconds(data, "finish_time", "finishTime"),
            Tracks = tracks,
        };
    }

    /// <summary>Builds the exception for an error envelope (<c>{"code": "...", "message": "..."}</c>).</summary>
    public static UpstreamException ErrorFromEnvelope(string code, string? message, int? statusCode)
    {
        var text = string.IsNullOrWhiteSpace(message) || message == code ? code : $"{code}: {message}";
        if (code.Contains("not_exist", StringComparison.OrdinalIgnoreCase) || code.Contains("not_found", StringComparison.OrdinalIgnoreCase))
        {
            return new UpstreamException(UpstreamErrorKind.TaskNotFound, $"The upstream does not know this task ({text}).", statusCode);
        }
        if (code.Contains("api_key", StringComparison.OrdinalIgnoreCase) || code.Contains("token", StringComparison.OrdinalIgnoreCase)
            || code.Contains("auth", StringComparison.OrdinalIgnoreCase))
        {
            return new UpstreamException(UpstreamErrorKind.Authentication,
                $"The upstream refused the API key ({text}); check the MusicApi:ApiKey setting.", statusCode);
        }
        return new UpstreamException(UpstreamErrorKind.InvalidRequest, $"The upstream rejected the request: {text}", statusCode);
    }

    /// <summary>Tries to read <c>code</c> and <c>message</c> from an error body; null when it is not an envelope.</summary>
    public static (string Code, string? Message)? TryReadErrorEnvelope(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && GetString(document.RootElement, "code") is { } code)
            {
                return (code, GetString(document.RootElement, "message"));
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    /// <summary>A short, single-line excerpt of a body for error messages (HTML tags and whitespace runs removed).</summary>
    public static string Excerpt(string body)
    {
        var text = HtmlTag().Replace(body, " ");
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length <= ExcerptLength ? text : string.Concat(text.AsSpan(0, ExcerptLength), "…");
    }

    public static UpstreamStatus ParseStatus(string? status) => status?.Trim().ToUpperInvariant() switch
    {
        "PENDING" or "QUEUED" or "SUBMITTED" or "NOT_START" => UpstreamStatus.Pending,
        "PROCESSING" or "IN_PROGRESS" or "RUNNING" => UpstreamStatus.Processing,
        "SUCCESS" or "SUCCEEDED" or "COMPLETE" or "COMPLETED" => UpstreamStatus.Success,
        "FAILED" or "FAILURE" or "ERROR" => UpstreamStatus.Failed,
        _ => UpstreamStatus.Unknown,
    };

    /// <summary>"72%" → 72; "0.5" → 0 (truncated); null when absent or unreadable.</summary>
    public static int? ParseProgress(string? progress)
    {
        if (string.IsNullOrWhiteSpace(progress))
        {
            return null;
        }
        var text = progress.Trim().TrimEnd('%').Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? (int)Math.Clamp(value, 0, 100)
            : null;
    }

    private static UpstreamTrack ParseTrack(JsonElement track) => new()
    {
        Id = GetString(track, "id", "track_id", "clip_id") ?? "",
        Title = GetString(track, "title"),
        Tags = GetString(track, "tags"),
        Prompt = GetString(track, "prompt"),
        AudioUrl = GetString(track, "audioUrl", "audio_url"),
        StreamAudioUrl = GetString(track, "streamAudioUrl", "stream_audio_url"),
        ImageUrl = GetString(track, "imageUrl", "image_url"),
        SourceAudioUrl = GetString(track, "sourceAudioUrl", "source_audio_url"),
        SourceImageUrl = GetString(track, "sourceImageUrl", "source_image_url"),
        Duration = GetDouble(track, "duration"),
        ModelName = GetString(track, "modelName", "model_name"),
        CreatedAt = ParseCreated(track),
    };

    private static DateTimeOffset? ParseCreated(JsonElement track)
    {
        // camelCase tracks carry Unix milliseconds; snake_case ones an ISO date.
        if (GetDouble(track, "createTime", "create_time") is { } ms && ms > 0)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
        }
        if (GetString(track, "created_at", "createdAt") is { } iso
            && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created))
        {
            return created;
        }
        return null;
    }

    private static DateTimeOffset? ParseUnixSeconds(JsonElement obj, params string[] names)
    {
        var seconds = GetDouble(obj, names);
        return seconds is > 0 ? DateTimeOffset.FromUnixTimeSeconds((long)seconds.Value) : null;
    }

    private static JsonDocument ParseJson(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw Malformed("the answer is not JSON", body);
        }
    }

    private static UpstreamException Malformed(string what, string body) =>
        new(UpstreamErrorKind.Malformed, $"Unreadable answer from the upstream: {what}. It began: \"{Excerpt(body)}\"");

    private static string? GetString(JsonElement obj, params string[] names)
    {
        foreach (var name in names)
        {
            if (obj.TryGetProperty(name, out var value))
            {
                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        return value.GetString();
                    case JsonValueKind.Number:
                        return value.GetRawText();
                }
            }
        }
        return null;
    }

    private static double? GetDouble(JsonElement obj, params string[] names)
    {
        foreach (var name in names)
        {
            if (!obj.TryGetProperty(name, out var value))
            {
                continue;
            }
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
            {
                return number;
            }
            if (value.ValueKind == JsonValueKind.String
                && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }
        }
        return null;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
