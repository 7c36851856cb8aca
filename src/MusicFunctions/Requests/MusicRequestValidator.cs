using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MusicFunctions.Events;

namespace MusicFunctions.Requests;

/// <summary>
/// Checks a request the way the upstream does, plus our own configurable limits, and reports
/// every problem at once, keyed by the field's wire name.
/// </summary>
public sealed partial class MusicRequestValidator(IOptions<RequestLimitsOptions> options, CallbackUrlPolicy callbacks)
{
    /// <summary>Longest request_id: it becomes the orchestration instance id.</summary>
    public const int MaxRequestIdLength = 64;

    private static readonly string[] VocalGenders = ["m", "f"];

    private readonly RequestLimitsOptions _limits = options.Value;

    public IReadOnlyDictionary<string, string[]> Validate(MusicRequest request)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.Add(message);
        }

        foreach (var name in request.UnknownFields?.Keys ?? Enumerable.Empty<string>())
        {
            Add(name, $"'{name}' is not a field of a music request.");
        }

        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            Add("prompt", "prompt is required.");
        }
        else
        {
            var limit = request.CustomMode ? _limits.MaxLyricsLength : _limits.MaxPromptLength;
            if (request.Prompt.Length > limit)
            {
                var what = request.CustomMode ? "lyrics (custom mode)" : "description (standard mode)";
                Add("prompt", $"prompt is {request.Prompt.Length} characters; the {what} may be at most {limit}.");
            }
        }

        if (request.Model is not null && !_limits.AllowedModels.Contains(request.Model, StringComparer.Ordinal))
        {
            Add("model", $"model '{request.Model}' is not allowed; use one of: {string.Join(", ", _limits.AllowedModels)}.");
        }

        if (request.CustomMode)
        {
            if (string.IsNullOrWhiteSpace(request.Style))
            {
                Add("style", "style is required when custom_mode is true.");
            }
            if (string.IsNullOrWhiteSpace(request.Title))
            {
                Add("title", "title is required when custom_mode is true.");
            }
        }

        if (request.Style is not null && request.Style.Length > _limits.MaxStyleLength)
        {
            Add("style", $"style is {request.Style.Length} characters; at most {_limits.MaxStyleLength} allowed.");
        }

        if (request.Title is not null && request.Title.Length > _limits.MaxTitleLength)
        {
            Add("title", $"title is {request.Title.Length} characters; at most {_limits.MaxTitleLength} allowed.");
        }

        if (request.VocalGender is not null)
        {
            if (!VocalGenders.Contains(request.VocalGender, StringComparer.Ordinal))
            {
                Add("vocal_gender", "vocal_gender must be 'm' or 'f'.");
            }
            else if (request.Instrumental)
            {
                Add("vocal_gender", "vocal_gender cannot be set when instrumental is true.");
            }
        }

        if (request.RequestId is not null && !RequestIdShape().IsMatch(request.RequestId))
        {
            Add("request_id", $"request_id must be 1-{MaxRequestIdLength} letters, digits, '-' or '_'.");
        }

        if (request.CallbackUrl is not null)
        {
            foreach (var problem in callbacks.Check(request.CallbackUrl))
            {
                Add("callback_url", problem);
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>
    /// The request as it will be sent upstream: defaults filled in, text trimmed, and our own fields
    /// (request_id, callback_url) left out; they travel beside it in the orchestration input.
    /// </summary>
    public MusicRequest Normalize(MusicRequest request) => request with
    {
        Prompt = request.Prompt?.Trim(),
        Model = request.Model ?? _limits.DefaultModel,
        Style = NullIfBlank(request.Style),
        Title = NullIfBlank(request.Title),
        RequestId = null,
        CallbackUrl = null,
        UnknownFields = null,
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Safe as an instance id, a blob folder and a log value; ':' stays free for the ids derived from it.
    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex RequestIdShape();
}
