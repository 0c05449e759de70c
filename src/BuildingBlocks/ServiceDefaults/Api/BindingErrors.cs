using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Brigade.Api;

/// <summary>
/// Turns the framework's binding failures (a JSON value of the wrong type, a query value that does not parse, a missing
/// body) into field errors that name the field and the expected shape in the caller's language — never a .NET type name.
/// </summary>
public static partial class BindingErrors
{
    /// <summary>The field errors for <paramref name="bad"/>, or null when it is not a binding failure.</summary>
    public static IDictionary<string, string[]>? Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var target = ConvertedTo().Match(json.Message);
            if (target.Success)
            {
                // A record bound through its constructor names itself, not the member; the inner message names the member's type.
                var shape = ShapeFromReason(json.InnerException?.Message) ?? Shape(target.Groups[1].Value, field == "body");
                return field == "body"
                    ? One(field, Localized.Text($"The body must be {shape.En}.", $"본문은 {shape.Ko}이어야 합니다."))
                    : One(field, Localized.Text($"{field} must be {shape.En}.", $"{field}은(는) {shape.Ko}이어야 합니다."));
            }

            return One(field, Localized.Text(
                $"The body is not valid JSON{(json.Path is null ? "" : " near " + field)}.",
                $"본문이 올바른 JSON이 아닙니다{(json.Path is null ? "" : " (" + field + " 근처)")}."));
        }

        if (FailedToBind().Match(bad.Message) is { Success: true } parameter)
        {
            var field = parameter.Groups[2].Value;
            var shape = Shape(parameter.Groups[1].Value, isRoot: false);
            return One(field, Localized.Text($"{field} must be {shape.En}.", $"{field}은(는) {shape.Ko}이어야 합니다."));
        }

        if (RequiredParameter().Match(bad.Message) is { Success: true } missing)
        {
            var field = missing.Groups[2].Value;
            return One(field, Localized.Text($"{field} is required.", $"{field}은(는) 필수입니다."));
        }

        if (bad.Message.Contains("no body was provided", StringComparison.Ordinal))
        {
            return One("body", Localized.Text("A JSON body is required.", "JSON 본문이 필요합니다."));
        }

        return null;
    }

    private static Dictionary<string, string[]> One(string field, string message) => new() { [field] = [message] };

    /// <summary><c>$.items[0].quantity</c> → <c>items[0].quantity</c>; the root → <c>body</c>.</summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    private static (string En, string Ko)? ShapeFromReason(string? reason)
    {
        if (reason is null)
        {
            return null;
        }

        foreach (var type in new[] { "Int16", "Int32", "Int64", "Byte", "UInt32", "UInt64", "Decimal", "Double", "Single", "Guid", "DateTimeOffset", "DateTime", "DateOnly", "TimeOnly", "TimeSpan" })
        {
            if (reason.Contains(" " + type, StringComparison.Ordinal))
            {
                return Shape(type, isRoot: false);
            }
        }

        return reason.EndsWith("as a boolean.", StringComparison.Ordinal) ? Shape("Boolean", isRoot: false)
            : reason.EndsWith("as a string.", StringComparison.Ordinal) ? Shape("String", isRoot: false)
            : null;
    }

    private static (string En, string Ko) Shape(string typeName, bool isRoot)
    {
        var name = typeName.Trim();
        var nullable = NullableOf().Match(name);
        if (nullable.Success)
        {
            name = nullable.Groups[1].Value;
        }

        var simple = name.Split('`')[0].Split('.')[^1].TrimEnd('?');
        return simple switch
        {
            "Int32" or "Int64" or "Int16" or "int" or "long" or "short" or "Byte" or "UInt32" or "UInt64" => ("a whole number", "정수"),
            "Decimal" or "Double" or "Single" or "decimal" or "double" or "float" => ("a number", "숫자"),
            "Boolean" or "bool" => ("true or false", "true 또는 false"),
            "Guid" => ("a UUID", "UUID"),
            "DateTimeOffset" or "DateTime" => ("an ISO 8601 date-time with offset (2026-12-24T19:00:00+09:00)", "오프셋이 있는 ISO 8601 일시(2026-12-24T19:00:00+09:00)"),
            "DateOnly" => ("a date as yyyy-MM-dd", "yyyy-MM-dd 형식의 날짜"),
            "TimeOnly" or "TimeSpan" => ("a time as HH:mm", "HH:mm 형식의 시각"),
            "String" or "string" => ("a string", "문자열"),
            _ when name.Contains("List", StringComparison.Ordinal) || name.Contains("[]", StringComparison.Ordinal)
                || name.Contains("Enumerable", StringComparison.Ordinal) || name.Contains("Collection", StringComparison.Ordinal) => ("an array", "배열"),
            _ when name.Contains("Dictionary", StringComparison.Ordinal) || isRoot || name.StartsWith("Brigade.", StringComparison.Ordinal) && !name.Contains('+') => ("an object", "객체"),
            _ => ("a value of the type the API document gives", "API 문서에 적힌 형식의 값"),
        };
    }

    [GeneratedRegex(@"could not be converted to (.+?)\. Path:", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"Failed to bind parameter ""(.+) (\w+)"" from", RegexOptions.CultureInvariant)]
    private static partial Regex FailedToBind();

    [GeneratedRegex(@"Required parameter ""(.+) (\w+)"" was not provided", RegexOptions.CultureInvariant)]
    private static partial Regex RequiredParameter();

    [GeneratedRegex(@"Nullable(?:`1)?[\[<]\[?([^,\]>]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NullableOf();
}
