using Brigade.Api;
using NodaTime;

namespace Brigade.Jobs.Domain;

public sealed record MoneyDraft(long? Amount, string? Currency);

public sealed record LocationDraft(double? Lat, double? Lng);

public sealed record ContactDraft(string? Name, string? Phone);

/// <summary>
/// A posting as a restaurant sends it (<c>POST /api/jobs</c>, <c>PUT /api/jobs/{id}</c>): the local <paramref name="Date"/>
/// (or several <paramref name="Dates"/> for a series) and <c>HH:mm</c> times in the restaurant's zone (an end at or before
/// the start ends the next day); the address and location default to the restaurant's.
/// </summary>
public sealed record PostingDraft(
    Guid? RestaurantId,
    string? Title,
    string? Category,
    string? Description,
    string? Date,
    IReadOnlyList<string?>? Dates,
    string? StartTime,
    string? EndTime,
    MoneyDraft? HourlyWage,
    int? Headcount,
    string? Address,
    LocationDraft? Location,
    ContactDraft? Contact,
    string? DressCode,
    IReadOnlyList<string?>? Requirements,
    int? BreakMinutes,
    string? BookingMode,
    int? FavouritesFirstMinutes,
    bool? Draft);

/// <summary>What this service knows of a restaurant, from its events.</summary>
public sealed record Venue(Guid Id, string Name, string Address, double Lat, double Lng, string TimeZone, string Currency, string Status);

/// <summary>One checked shift posting, its local times resolved to instants in the restaurant's zone.</summary>
public sealed record PostingSpec(
    string Title,
    string Category,
    string? Description,
    LocalDate Date,
    LocalTime StartTime,
    LocalTime EndTime,
    Instant StartsAt,
    Instant EndsAt,
    string TimeZone,
    long HourlyWage,
    string Currency,
    int Headcount,
    string Address,
    double Lat,
    double Lng,
    string? ContactName,
    string? ContactPhone,
    string? DressCode,
    IReadOnlyList<string> Requirements,
    int BreakMinutes,
    string BookingMode,
    int FavouritesFirstMinutes)
{
    public int LengthMinutes => (int)(EndsAt - StartsAt).TotalMinutes;

    /// <summary>The pay of the whole shift as scheduled (breaks unpaid).</summary>
    public long ScheduledPay => Timesheet.Gross(Timesheet.ScheduledPaidMinutes(LengthMinutes, BreakMinutes), HourlyWage);
}

public static class BookingModes
{
    /// <summary>The employer accepts applicants one by one.</summary>
    public const string Manual = "manual";

    /// <summary>Qualified applicants are booked first come, first served, until the headcount is reached.</summary>
    public const string Auto = "auto";

    public static readonly IReadOnlyList<string> All = [Manual, Auto];
}

/// <summary>The rules a posting must meet: Korean minimum wage, statutory breaks, sane lengths and numbers.</summary>
public static class PostingRules
{
    public const int MinLengthMinutes = 60;
    public const int MaxLengthMinutes = 720;
    public const int MaxHeadcount = 50;
    public const int MaxDaysAhead = 90;
    public const int MaxSeriesDays = 31;
    public const long MaxHourlyWage = 1_000_000;

    /// <summary>
    /// Checks a draft against the venue; returns one spec per date (one for a single posting), or null with
    /// <paramref name="errors"/> filled.
    /// </summary>
    public static IReadOnlyList<PostingSpec>? Check(PostingDraft d, Venue venue, Instant now, int defaultFavouritesMinutes, bool series, FieldErrors errors)
    {
        var title = errors.RequiredText("title", d.Title, 100);
        var category = errors.OneOf("category", d.Category, Categories.Codes.ToList());
        var description = errors.OptionalText("description", d.Description, 2000);
        var dates = series ? SeriesDates(d.Dates, errors) : errors.Date("date", d.Date) is { } one ? [one] : [];
        var start = errors.Time("startTime", d.StartTime);
        var end = errors.Time("endTime", d.EndTime);
        var headcount = errors.RequiredRange("headcount", d.Headcount, 1, MaxHeadcount);
        var address = d.Address is null ? venue.Address : errors.RequiredText("address", d.Address, 200);
        var (lat, lng) = Location(d.Location, venue, errors);
        var contactName = errors.OptionalText("contact.name", d.Contact?.Name, 50);
        var contactPhone = errors.Phone("contact.phone", d.Contact?.Phone);
        var dressCode = errors.OptionalText("dressCode", d.DressCode, 200);
        var requirements = RequirementCodes(d.Requirements, errors);
        var mode = d.BookingMode is null ? BookingModes.Manual : errors.OneOf("bookingMode", d.BookingMode, BookingModes.All.ToList());
        var favourites = errors.Range("favouritesFirstMinutes", d.FavouritesFirstMinutes, 0, 1440, defaultFavouritesMinutes);
        var breakMinutes = errors.Range("breakMinutes", d.BreakMinutes, 0, 120, 0);
        var wage = d.HourlyWage is null ? null : errors.Amount("hourlyWage.amount", d.HourlyWage.Amount, 1, MaxHourlyWage);
        if (d.HourlyWage is null)
        {
            errors.Missing("hourlyWage", "{ amount, currency }");
        }
        else if ((d.HourlyWage.Currency?.Trim().ToUpperInvariant() ?? MinimumWage.Currency) != MinimumWage.Currency || venue.Currency != MinimumWage.Currency)
        {
            errors.Add("hourlyWage.currency", "Shifts are paid in KRW (the workers' wallets are in won).", "근무 급여는 원화(KRW)로만 지급됩니다.");
        }

        if (errors.IsEmpty is false || start is null || end is null || dates.Count == 0)
        {
            return null;
        }

        var zone = RestaurantTime.Zone(venue.TimeZone);
        var specs = new List<PostingSpec>();
        foreach (var date in dates.Select(LocalDate.FromDateOnly))
        {
            var field = series ? "dates" : "date";
            var startTime = LocalTime.FromTimeOnly(start.Value);
            var endTime = LocalTime.FromTimeOnly(end.Value);
            var startsAt = Resolve(zone, date.At(startTime));
            var endsAt = Resolve(zone, (endTime <= startTime ? date.PlusDays(1) : date).At(endTime));
            if (startsAt is null || endsAt is null)
            {
                errors.Add(field, $"{date:yyyy-MM-dd} {start:HH\\:mm}–{end:HH\\:mm} does not exist on the restaurant's clock (a daylight-saving gap).",
                    $"{date:yyyy-MM-dd} {start:HH\\:mm}–{end:HH\\:mm}은(는) 레스토랑 시간대에 존재하지 않는 시각입니다(서머타임 전환).");
                continue;
            }

            if (startsAt <= now)
            {
                errors.Add(field, $"The shift on {date:yyyy-MM-dd} must start in the future.", $"{date:yyyy-MM-dd} 근무는 앞으로의 시각이어야 합니다.");
                continue;
            }

            if (startsAt > now + Duration.FromDays(MaxDaysAhead))
            {
                errors.Add(field, $"Shifts can be posted at most {MaxDaysAhead} days ahead.", $"근무는 최대 {MaxDaysAhead}일 뒤까지 등록할 수 있습니다.");
                continue;
            }

            var length = (int)(endsAt.Value - startsAt.Value).TotalMinutes;
            if (length is < MinLengthMinutes or > MaxLengthMinutes)
            {
                errors.Add("endTime", $"A shift lasts from {MinLengthMinutes / 60} to {MaxLengthMinutes / 60} hours.", $"근무 시간은 {MinLengthMinutes / 60}~{MaxLengthMinutes / 60}시간이어야 합니다.");
                break;
            }

            if (BreakShortfall(length, breakMinutes) is { } needed)
            {
                errors.Add("breakMinutes",
                    $"A shift of {length} minutes with a {breakMinutes}-minute break needs a break of at least {needed} minutes (Labor Standards Act art. 54: 30 minutes per 4 hours of work, 1 hour per 8).",
                    $"{length}분 근무에 휴게 {breakMinutes}분으로는 부족합니다. 최소 {needed}분이 필요합니다(근로기준법 제54조: 4시간 근로에 30분, 8시간에 1시간 이상).");
                break;
            }

            var minimum = MinimumWage.HourlyFor(date.Year);
            if (wage < minimum)
            {
                errors.Add("hourlyWage.amount",
                    $"{wage:N0} KRW is below the {date.Year} minimum wage of {minimum:N0} KRW an hour (Minimum Wage Act art. 6).",
                    $"{wage:N0}원은 {date.Year}년 최저임금 시급 {minimum:N0}원보다 낮습니다(최저임금법 제6조).");
                break;
            }

            specs.Add(new PostingSpec(title!, category!, description, date, startTime, endTime, startsAt.Value, endsAt.Value, zone.Id,
                wage!.Value, MinimumWage.Currency, headcount!.Value, address!, lat, lng, contactName, contactPhone, dressCode, requirements,
                breakMinutes, mode!, favourites));
        }

        return errors.IsEmpty ? specs : null;
    }

    /// <summary>
    /// The shortest legal unpaid break for a shift, if <paramref name="breakMinutes"/> is shorter (근로기준법 제54조: at least
    /// 30 minutes when the working time reaches 4 hours, at least 1 hour when it reaches 8 hours); null when it suffices.
    /// </summary>
    public static int? BreakShortfall(int lengthMinutes, int breakMinutes)
    {
        var work = lengthMinutes - breakMinutes;
        var needed = work >= 480 ? 60 : work >= 240 ? 30 : 0;
        return breakMinutes >= needed ? null : needed;
    }

    private static Instant? Resolve(DateTimeZone zone, LocalDateTime local)
    {
        var mapping = zone.MapLocal(local);
        return mapping.Count == 0 ? null : mapping.First().ToInstant();
    }

    private static List<DateOnly> SeriesDates(IReadOnlyList<string?>? values, FieldErrors errors)
    {
        if (values is null || values.Count < 2 || values.Count > MaxSeriesDays)
        {
            errors.Add("dates", $"A series needs 2 to {MaxSeriesDays} dates (yyyy-MM-dd).", $"연속 근무는 날짜가 2~{MaxSeriesDays}개 필요합니다(yyyy-MM-dd).");
            return [];
        }

        var dates = new List<DateOnly>();
        for (var i = 0; i < values.Count; i++)
        {
            if (errors.Date($"dates[{i}]", values[i]) is { } date)
            {
                if (dates.Contains(date))
                {
                    errors.Add($"dates[{i}]", "Each date may appear once.", "같은 날짜를 두 번 넣을 수 없습니다.");
                }
                else
                {
                    dates.Add(date);
                }
            }
        }

        dates.Sort();
        return dates;
    }

    private static (double Lat, double Lng) Location(LocationDraft? location, Venue venue, FieldErrors errors)
    {
        if (location is null)
        {
            return (venue.Lat, venue.Lng);
        }

        if (location.Lat is not (>= -90 and <= 90))
        {
            errors.Add("location.lat", "location.lat must be between -90 and 90.", "location.lat은(는) -90에서 90 사이여야 합니다.");
        }

        if (location.Lng is not (>= -180 and <= 180))
        {
            errors.Add("location.lng", "location.lng must be between -180 and 180.", "location.lng은(는) -180에서 180 사이여야 합니다.");
        }

        return (location.Lat ?? 0, location.Lng ?? 0);
    }

    private static IReadOnlyList<string> RequirementCodes(IReadOnlyList<string?>? values, FieldErrors errors)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > Requirements.Codes.Count)
        {
            errors.Add("requirements", $"requirements may hold at most {Requirements.Codes.Count} entries.", $"requirements에는 최대 {Requirements.Codes.Count}개까지 넣을 수 있습니다.");
            return [];
        }

        var codes = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            if (errors.OneOf($"requirements[{i}]", values[i], Requirements.Codes.ToList()) is { } code && !codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        return codes;
    }
}
