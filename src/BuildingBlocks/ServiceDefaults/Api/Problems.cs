using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Api;

/// <summary>
/// The problem answers (RFC 9457) every endpoint returns, with details in the caller's language. A <c>code</c>
/// extension, where given, is a stable machine-readable reason a client can branch on (<c>token_refresh_required</c>).
/// </summary>
public static class Problems
{
    public static ValidationProblem Invalid(FieldErrors errors) => TypedResults.ValidationProblem(errors.ToDictionary(),
        title: Localized.Text("One or more validation errors occurred.", "입력값을 확인해 주세요."));

    public static ValidationProblem Invalid(string field, string en, string ko) => Invalid(new FieldErrors().Add(field, en, ko));

    /// <param name="what">What was not found, in English (<c>restaurant</c>).</param>
    /// <param name="whatKo">The same in Korean (<c>레스토랑</c>).</param>
    public static ProblemHttpResult NotFound(string what, string whatKo) =>
        Problem(StatusCodes.Status404NotFound, "Not Found", Localized.Text($"No such {what}.", $"해당 {whatKo}을(를) 찾을 수 없습니다."));

    public static ProblemHttpResult Forbidden(string en, string ko, string? code = null) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", Localized.Text(en, ko), code);

    public static ProblemHttpResult Conflict(string en, string ko, string? code = null) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", Localized.Text(en, ko), code);

    /// <summary>412: the resource changed since the caller read it (stale <c>If-Match</c> or <c>version</c>).</summary>
    public static ProblemHttpResult Stale(string what, string whatKo) =>
        Problem(StatusCodes.Status412PreconditionFailed, "Precondition Failed", Localized.Text(
            $"The {what} changed since you read it (its version no longer matches If-Match). Read it again and retry.",
            $"{whatKo}이(가) 그 사이 변경되었습니다(If-Match 버전 불일치). 다시 읽고 시도해 주세요."), "stale_version");

    public static ProblemHttpResult Unavailable(string en, string ko) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", Localized.Text(en, ko));

    public static ProblemHttpResult TooManyRequests(string en, string ko) =>
        Problem(StatusCodes.Status429TooManyRequests, "Too Many Requests", Localized.Text(en, ko));

    public static ProblemHttpResult Problem(int status, string title, string detail, string? code = null, IDictionary<string, object?>? extensions = null)
    {
        if (code is not null)
        {
            extensions = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        }

        return TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
    }
}
