using System.Globalization;
using System.Text.RegularExpressions;

namespace Brigade.Api;

/// <summary>
/// Field errors collected while checking a request; empty means valid. Keys are JSON paths
/// (<c>turnTimes[1].minutes</c>), messages are in the caller's language (<see cref="Localized"/>).
/// The checks return the clean value, or null/fallback after recording why it is not acceptable,
/// so an endpoint reads: check every field, return 400 if any failed, then act.
/// </summary>
public sealed partial class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    /// <summary>Adds a message written in both languages.</summary>
    public FieldErrors Add(string field, string en, string ko) => Add(field, Localized.Text(en, ko));

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>A value that must be present.</summary>
    public T? Required<T>(string field, T? value) where T : struct
    {
        if (value is null)
        {
            Missing(field);
        }

        return value;
    }

    /// <summary>An id that must be present and not all zeros.</summary>
    public Guid? RequiredId(string field, Guid? value)
    {
        if (value is null || value == Guid.Empty)
        {
            Add(field, $"{field} is required (a UUID).", $"{field}은(는) 필수입니다(UUID).");
            return null;
        }

        return value;
    }

    /// <summary>A required, trimmed, non-empty text of at most <paramref name="max"/> characters; null when invalid.</summary>
    public string? RequiredText(string field, string? value, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            Add(field, $"{field} is required and must not be empty.", $"{field}은(는) 비워 둘 수 없습니다.");
            return null;
        }

        return Checked(field, text, max);
    }

    /// <summary>An optional text: null stays null, blank becomes null, too long or with control characters is an error.</summary>
    public string? OptionalText(string field, string? value, int max)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) ? null : Checked(field, text, max);
    }

    /// <summary>An optional integer in <paramref name="min"/>..<paramref name="max"/>, or <paramref name="fallback"/> when absent or invalid.</summary>
    public int Range(string field, int? value, int min, int max, int fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        if (value < min || value > max)
        {
            OutOfRange(field, min, max);
            return fallback;
        }

        return value.Value;
    }

    /// <summary>A required integer in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public int? RequiredRange(string field, int? value, int min, int max)
    {
        if (value is null)
        {
            Missing(field);
            return null;
        }

        if (value < min || value > max)
        {
            OutOfRange(field, min, max);
            return null;
        }

        return value;
    }

    /// <summary>A required amount of money in minor units, in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public long? Amount(string field, long? value, long min = 0, long max = 1_000_000_000_000)
    {
        if (value is null)
        {
            Missing(field);
            return null;
        }

        if (value < min || value > max)
        {
            Add(field, $"{field} must be a whole number of minor units between {min} and {max}.",
                $"{field}은(는) {min}에서 {max} 사이의 정수(최소 화폐 단위)여야 합니다.");
            return null;
        }

        return value;
    }

    /// <summary>A code from a fixed set (compared ordinally after trimming and lower-casing); null when absent and not required.</summary>
    public string? OneOf(string field, string? value, IReadOnlyCollection<string> allowed, bool required = true)
    {
        var code = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(code))
        {
            if (required)
            {
                Add(field, $"{field} is required: one of {string.Join(", ", allowed)}.", $"{field}은(는) 필수입니다: {string.Join(", ", allowed)} 중 하나.");
            }

            return null;
        }

        if (!allowed.Contains(code, StringComparer.Ordinal))
        {
            Add(field, $"{field} must be one of {string.Join(", ", allowed)}.", $"{field}은(는) {string.Join(", ", allowed)} 중 하나여야 합니다.");
            return null;
        }

        return code;
    }

    /// <summary>A calendar date <c>yyyy-MM-dd</c>.</summary>
    public DateOnly? Date(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Missing(field, "yyyy-MM-dd");
            }

            return null;
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Add(field, $"{field} must be a date as yyyy-MM-dd.", $"{field}은(는) yyyy-MM-dd 형식의 날짜여야 합니다.");
            return null;
        }

        return date;
    }

    /// <summary>A local time of day <c>HH:mm</c>.</summary>
    public TimeOnly? Time(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Missing(field, "HH:mm");
            }

            return null;
        }

        if (!TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            Add(field, $"{field} must be a time as HH:mm (00:00–23:59).", $"{field}은(는) HH:mm 형식의 시각이어야 합니다(00:00–23:59).");
            return null;
        }

        return time;
    }

    /// <summary>An absolute http(s) URL of at most 2,000 characters.</summary>
    public string? Url(string field, string? value, bool required = true)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Missing(field, "https://…");
            }

            return null;
        }

        if (text.Length > 2000 || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            Add(field, $"{field} must be an absolute http or https URL of at most 2000 characters.",
                $"{field}은(는) 2000자 이하의 http 또는 https 절대 URL이어야 합니다.");
            return null;
        }

        return text;
    }

    /// <summary>A list of absolute http(s) URLs (photos), at most <paramref name="maxCount"/>.</summary>
    public IReadOnlyList<string> Urls(string field, IReadOnlyList<string?>? values, int maxCount)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > maxCount)
        {
            TooMany(field, maxCount);
            return [];
        }

        var urls = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            if (Url($"{field}[{i}]", values[i]) is { } url)
            {
                urls.Add(url);
            }
        }

        return urls;
    }

    /// <summary>A list of short lowercase tags (allergens, dietary tags), deduplicated.</summary>
    public IReadOnlyList<string> Tags(string field, IReadOnlyList<string?>? values, int maxCount = 20, int maxLength = 40)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > maxCount)
        {
            TooMany(field, maxCount);
            return [];
        }

        var tags = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var tag = values[i]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(tag) || tag.Length > maxLength || tag.Any(char.IsControl))
            {
                Add($"{field}[{i}]", $"{field}[{i}] must be a non-empty text of at most {maxLength} characters.",
                    $"{field}[{i}]은(는) {maxLength}자 이하의 비어 있지 않은 텍스트여야 합니다.");
            }
            else if (!tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }

        return tags;
    }

    /// <summary>A phone number of 7 to 15 digits (spaces, dashes, parentheses and a leading + allowed), returned as written.</summary>
    public string? Phone(string field, string? value, bool required = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Missing(field, "010-1234-5678");
            }

            return null;
        }

        var digits = text.Count(char.IsAsciiDigit);
        if (!PhonePattern().IsMatch(text) || digits is < 7 or > 15)
        {
            Add(field, $"{field} must be a phone number of 7 to 15 digits.", $"{field}은(는) 7~15자리 전화번호여야 합니다.");
            return null;
        }

        return text;
    }

    public void Missing(string field, string? shape = null) =>
        Add(field,
            shape is null ? $"{field} is required." : $"{field} is required ({shape}).",
            shape is null ? $"{field}은(는) 필수입니다." : $"{field}은(는) 필수입니다({shape}).");

    private void OutOfRange(string field, long min, long max) =>
        Add(field, $"{field} must be between {min} and {max}.", $"{field}은(는) {min}에서 {max} 사이여야 합니다.");

    private void TooMany(string field, int maxCount) =>
        Add(field, $"{field} may hold at most {maxCount} entries.", $"{field}에는 최대 {maxCount}개까지 넣을 수 있습니다.");

    private string? Checked(string field, string text, int max)
    {
        if (text.Length > max)
        {
            Add(field, $"{field} must be at most {max} characters.", $"{field}은(는) {max}자 이하여야 합니다.");
            return null;
        }

        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            Add(field, $"{field} must not contain control characters.", $"{field}에는 제어 문자를 넣을 수 없습니다.");
            return null;
        }

        return text;
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{4,24}$")]
    private static partial Regex PhonePattern();
}
