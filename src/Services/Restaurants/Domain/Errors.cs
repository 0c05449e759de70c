namespace Brigade.Restaurants.Domain;

/// <summary>Field errors collected while checking a request; empty means valid. Keys are JSON paths (<c>weekly[2].close</c>).</summary>
public sealed class Errors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public Errors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>A required, trimmed, non-empty text of at most <paramref name="max"/> characters; null when invalid.</summary>
    public string? RequiredText(string field, string? value, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            Add(field, $"{field} is required and must not be empty.");
            return null;
        }

        return MaxLength(field, text, max);
    }

    /// <summary>An optional text: null stays null, blank becomes null, longer than <paramref name="max"/> is an error.</summary>
    public string? OptionalText(string field, string? value, int max)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) ? null : MaxLength(field, text, max);
    }

    private string? MaxLength(string field, string text, int max)
    {
        if (text.Length > max)
        {
            Add(field, $"{field} must be at most {max} characters.");
            return null;
        }

        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            Add(field, $"{field} must not contain control characters.");
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
            Add(field, $"{field} may hold at most {maxCount} URLs.");
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

    public string? Url(string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            Add(field, $"{field} must be an absolute http or https URL.");
            return null;
        }

        if (text.Length > 2000 || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            Add(field, $"{field} must be an absolute http or https URL of at most 2000 characters.");
            return null;
        }

        return text;
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
            Add(field, $"{field} may hold at most {maxCount} entries.");
            return [];
        }

        var tags = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var tag = values[i]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(tag) || tag.Length > maxLength || tag.Any(char.IsControl))
            {
                Add($"{field}[{i}]", $"{field}[{i}] must be a non-empty text of at most {maxLength} characters.");
            }
            else if (!tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }

        return tags;
    }
}
