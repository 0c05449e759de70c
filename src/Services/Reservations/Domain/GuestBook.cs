using Brigade.Api;

namespace Brigade.Reservations.Domain;

/// <summary>Rules of the guest book: one guest per phone number within a restaurant; short lowercase tags.</summary>
public static class GuestBook
{
    public const int MaxTags = 10;

    public const int MaxTagLength = 30;

    /// <summary>A phone number reduced to its digits (with a leading + kept), so "010-1234-5678" and "01012345678" are one guest; null when not a phone number.</summary>
    public static string? NormalizePhone(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is < 7 or > 15 || phone.Any(c => !char.IsAsciiDigit(c) && c is not ' ' and not '-' and not '+' and not '(' and not ')' and not '.'))
        {
            return null;
        }

        return phone.TrimStart().StartsWith('+') ? "+" + digits : digits;
    }

    /// <summary>Staff tags (<c>vip</c>, <c>allergy-shellfish</c>, <c>birthday</c>…), lowercased and deduplicated.</summary>
    public static IReadOnlyList<string> Tags(string field, IReadOnlyList<string?> values, FieldErrors errors)
    {
        if (values.Count > MaxTags)
        {
            errors.Add(field, $"{field} may hold at most {MaxTags} tags.", $"{field}에는 태그를 최대 {MaxTags}개까지 넣을 수 있습니다.");
            return [];
        }

        var tags = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var tag = values[i]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(tag) || tag.Length > MaxTagLength || tag.Any(char.IsControl))
            {
                errors.Add($"{field}[{i}]", $"Each tag must be 1 to {MaxTagLength} characters.", $"태그는 1~{MaxTagLength}자여야 합니다.");
                continue;
            }

            if (!tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }

        return tags;
    }
}
