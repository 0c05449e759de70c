namespace Brigade.Reservations.Domain;

/// <summary>Field errors collected while checking a request; empty means valid. Keys are JSON paths (<c>turnTimes[1].minutes</c>).</summary>
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

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// The fields every table request carries (a booking, a concierge request): the restaurant, the start and a
    /// party of 1–100. Returns the party size.
    /// </summary>
    public int TableRequest(Guid? restaurantId, DateTimeOffset? start, int? partySize)
    {
        if (restaurantId is null)
        {
            Add("restaurantId", "restaurantId is required.");
        }

        if (start is null)
        {
            Add("start", "start is required (an ISO 8601 instant with offset).");
        }

        return Range("partySize", partySize ?? 0, 1, 100, 1);
    }

    /// <summary>An integer in <paramref name="min"/>..<paramref name="max"/>, or <paramref name="fallback"/> when absent.</summary>
    public int Range(string field, int? value, int min, int max, int fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        if (value < min || value > max)
        {
            Add(field, $"{field} must be between {min} and {max}.");
            return fallback;
        }

        return value.Value;
    }

    /// <summary>An optional text: blank becomes null; longer than <paramref name="max"/> or with control characters is an error.</summary>
    public string? OptionalText(string field, string? value, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > max || text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            Add(field, $"{field} must be at most {max} characters without control characters.");
            return null;
        }

        return text;
    }
}
