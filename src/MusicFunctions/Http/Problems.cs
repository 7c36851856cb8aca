using Microsoft.AspNetCore.Http;

namespace MusicFunctions.Http;

/// <summary>RFC 9457 problem responses (application/problem+json).</summary>
public static class Problems
{
    public static IResult Create(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: $"The request has {errors.Count} invalid field(s): {string.Join(", ", errors.Keys)}.",
            title: "Invalid music request");
}
