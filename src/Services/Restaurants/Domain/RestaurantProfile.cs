using System.Text.RegularExpressions;
using Brigade.Api;
using NodaTime;

namespace Brigade.Restaurants.Domain;

public enum RestaurantStatus { Draft, Published, Closed }

/// <summary>Michelin-style distinctions a restaurant can carry.</summary>
public static class Distinctions
{
    public static readonly IReadOnlyList<string> All = ["three_stars", "two_stars", "one_star", "bib_gourmand", "selected"];
}

public sealed record LocationDraft(double? Lat, double? Lng);

/// <summary>
/// The profile fields of a create or PATCH request, before checking. Null means "not given".
/// <see cref="Version"/> (PATCH only) is the version the client read, an alternative to <c>If-Match</c>.
/// </summary>
public sealed record RestaurantDraft(
    string? Name,
    string? NameEn,
    string? Cuisine,
    string? Address,
    LocationDraft? Location,
    string? TimeZone,
    string? Phone,
    int? PriceRange,
    string? Distinction,
    string? Description,
    IReadOnlyList<string?>? PhotoUrls,
    string? Currency,
    int? Version = null);

/// <summary>A restaurant's checked profile.</summary>
public sealed record RestaurantProfile(
    string Name,
    string? NameEn,
    string Cuisine,
    string Address,
    double Lat,
    double Lng,
    string TimeZone,
    string? Phone,
    int? PriceRange,
    string? Distinction,
    string? Description,
    IReadOnlyList<string> PhotoUrls,
    string Currency);

public static partial class ProfileRules
{
    public const string DefaultTimeZone = RestaurantTime.DefaultZoneId;

    /// <summary>A new restaurant: name, cuisine, address and location are required; the rest has defaults.</summary>
    public static RestaurantProfile? ForCreate(RestaurantDraft draft, FieldErrors errors)
    {
        var name = errors.RequiredText("name", draft.Name, 200);
        var cuisine = Cuisine(errors, draft.Cuisine, required: true);
        var address = errors.RequiredText("address", draft.Address, 300);
        var location = Location(errors, draft.Location, required: true);
        var timeZone = TimeZone(errors, draft.TimeZone ?? DefaultTimeZone);
        var currency = draft.Currency?.Trim() ?? Currencies.Default;
        if (!Currencies.IsKnown(currency))
        {
            errors.Add("currency", "currency must be an ISO 4217 code such as KRW.", "currency는 KRW 같은 ISO 4217 코드여야 합니다.");
        }

        var profile = new RestaurantProfile(
            name ?? "",
            errors.OptionalText("nameEn", draft.NameEn, 200),
            cuisine ?? "",
            address ?? "",
            location?.Lat ?? 0,
            location?.Lng ?? 0,
            timeZone ?? DefaultTimeZone,
            Phone(errors, draft.Phone),
            PriceRange(errors, draft.PriceRange),
            Distinction(errors, draft.Distinction),
            errors.OptionalText("description", draft.Description, 4000),
            errors.Urls("photoUrls", draft.PhotoUrls, 20),
            currency);
        return errors.IsEmpty ? profile : null;
    }

    /// <summary>
    /// A PATCH: given fields replace the current ones, absent (null) fields stay. An empty text clears an
    /// optional field; required fields cannot be emptied. The currency is fixed at creation (prices use it).
    /// </summary>
    public static RestaurantProfile? Apply(RestaurantProfile current, RestaurantDraft patch, FieldErrors errors)
    {
        if (patch.Currency is not null && patch.Currency.Trim() != current.Currency)
        {
            errors.Add("currency", $"currency is fixed when the restaurant is created ({current.Currency}).", $"currency는 식당을 만들 때 정해지며 바꿀 수 없습니다({current.Currency}).");
        }

        var location = patch.Location is null ? null : Location(errors, patch.Location, required: true);
        var profile = current with
        {
            Name = patch.Name is null ? current.Name : errors.RequiredText("name", patch.Name, 200) ?? current.Name,
            NameEn = patch.NameEn is null ? current.NameEn : errors.OptionalText("nameEn", patch.NameEn, 200),
            Cuisine = patch.Cuisine is null ? current.Cuisine : Cuisine(errors, patch.Cuisine, required: true) ?? current.Cuisine,
            Address = patch.Address is null ? current.Address : errors.RequiredText("address", patch.Address, 300) ?? current.Address,
            Lat = location?.Lat ?? current.Lat,
            Lng = location?.Lng ?? current.Lng,
            TimeZone = patch.TimeZone is null ? current.TimeZone : TimeZone(errors, patch.TimeZone) ?? current.TimeZone,
            Phone = patch.Phone is null ? current.Phone : Phone(errors, patch.Phone),
            PriceRange = patch.PriceRange is null ? current.PriceRange : PriceRange(errors, patch.PriceRange),
            Distinction = patch.Distinction is null ? current.Distinction : Distinction(errors, patch.Distinction),
            Description = patch.Description is null ? current.Description : errors.OptionalText("description", patch.Description, 4000),
            PhotoUrls = patch.PhotoUrls is null ? current.PhotoUrls : errors.Urls("photoUrls", patch.PhotoUrls, 20),
        };
        return errors.IsEmpty ? profile : null;
    }

    /// <summary>An IANA time zone id known to the tz database NodaTime carries.</summary>
    public static string? TimeZone(FieldErrors errors, string? id, string field = "timeZone")
    {
        var text = id?.Trim();
        if (!RestaurantTime.IsKnownZone(text))
        {
            errors.Add(field, $"{field} must be an IANA time zone such as Asia/Seoul.", $"{field}은(는) Asia/Seoul 같은 IANA 시간대여야 합니다.");
            return null;
        }

        return text;
    }

    public static (double Lat, double Lng)? Location(FieldErrors errors, LocationDraft? draft, bool required)
    {
        if (draft is null)
        {
            if (required)
            {
                errors.Add("location", "location { lat, lng } is required.", "location { lat, lng }은(는) 필수입니다.");
            }

            return null;
        }

        var valid = true;
        if (draft.Lat is not { } lat || !double.IsFinite(lat) || lat < -90 || lat > 90)
        {
            errors.Add("location.lat", "location.lat must be a latitude between -90 and 90.", "location.lat은 -90에서 90 사이의 위도여야 합니다.");
            valid = false;
        }

        if (draft.Lng is not { } lng || !double.IsFinite(lng) || lng < -180 || lng > 180)
        {
            errors.Add("location.lng", "location.lng must be a longitude between -180 and 180.", "location.lng는 -180에서 180 사이의 경도여야 합니다.");
            valid = false;
        }

        return valid ? (draft.Lat!.Value, draft.Lng!.Value) : null;
    }

    /// <summary>Cuisines are free words (<c>korean</c>, <c>modern-korean</c>, <c>japanese</c>) stored lowercase so filters match.</summary>
    private static string? Cuisine(FieldErrors errors, string? value, bool required)
    {
        var text = required ? errors.RequiredText("cuisine", value, 50) : errors.OptionalText("cuisine", value, 50);
        return text?.ToLowerInvariant();
    }

    private static string? Phone(FieldErrors errors, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!PhonePattern().IsMatch(text))
        {
            errors.Add("phone", "phone must be a telephone number such as +82 2-1234-5678 (digits, spaces, ( ) and -).", "phone은 +82 2-1234-5678 같은 전화번호여야 합니다(숫자, 공백, ( ), -).");
            return null;
        }

        return text;
    }

    private static int? PriceRange(FieldErrors errors, int? value)
    {
        if (value is { } range && (range < 1 || range > 4))
        {
            errors.Add("priceRange", "priceRange must be 1 (₩) to 4 (₩₩₩₩).", "priceRange는 1(₩)에서 4(₩₩₩₩) 사이여야 합니다.");
            return null;
        }

        return value;
    }

    private static string? Distinction(FieldErrors errors, string? value)
    {
        var text = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!Distinctions.All.Contains(text))
        {
            errors.Add("distinction", $"distinction must be one of {string.Join(", ", Distinctions.All)}.", $"distinction은 {string.Join(", ", Distinctions.All)} 중 하나여야 합니다.");
            return null;
        }

        return text;
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,24}$")]
    private static partial Regex PhonePattern();
}
