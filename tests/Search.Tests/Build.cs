using Brigade.Contracts.Jobs;
using Brigade.Contracts.Restaurants;
using Brigade.Contracts.Search;

namespace Brigade.Search.Tests;

/// <summary>Restaurants, menus, hours and jobs as the source services describe them.</summary>
public static class Build
{
    public static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>Seoul City Hall.</summary>
    public static readonly GeoPoint CityHall = new(37.5665, 126.9780);

    public static RestaurantSnapshot Restaurant(
        string name, string cuisine = "korean", string? nameEn = null, string? description = null, string address = "서울 중구 세종대로 110",
        GeoPoint? at = null, int? price = 2, string status = "published", int version = 1, Guid? id = null, string timeZone = "Asia/Seoul") =>
        new(id ?? Guid.CreateVersion7(), name, nameEn, cuisine, price, null, address, at ?? CityHall, timeZone, "KRW", status, version, description);

    public static MenuItemFeed Dish(string name, long price = 12000, string? category = null, string? description = null, int version = 1) =>
        new(Guid.CreateVersion7(), name, category, description, new MoneyAmount(price, "KRW"), false, version);

    /// <summary>Open every day from <paramref name="open"/> to <paramref name="close"/> (equal: around the clock).</summary>
    public static HoursFeed Hours(string open = "00:00", string close = "00:00", string timeZone = "Asia/Seoul") =>
        new(timeZone, Days.Select(d => new WeeklyHours(d, open, close, null)).ToList(), []);

    public static HoursFeed ClosedAllWeek(string timeZone = "Asia/Seoul") => new(timeZone, [], []);

    public static RestaurantFeedItem Feed(RestaurantSnapshot restaurant, HoursFeed? hours = null, params MenuItemFeed[] menu) =>
        new(restaurant, hours, menu);

    public static JobSnapshot Job(
        string title, string category = "serving", long wage = 12000, int daysAhead = 3, GeoPoint? at = null, string status = "open",
        int version = 1, Guid? id = null, string restaurantName = "테스트 식당", string? description = null)
    {
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(daysAhead);
        var start = new DateTimeOffset(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(9));
        return new JobSnapshot(id ?? Guid.CreateVersion7(), Guid.CreateVersion7(), restaurantName, title, category, description,
            date.ToString("yyyy-MM-dd"), start, start.AddHours(6), wage, "KRW", 2, 0, "서울 중구 세종대로 110", at ?? CityHall, [], status, version);
    }

    public static MenuItemChanged DishChanged(Guid restaurantId, MenuItemFeed item, bool removed = false) =>
        new(restaurantId, item.ItemId, item.Name, item.Category, item.Price, item.SoldOut, [], removed, item.Version, DateTimeOffset.UtcNow, item.Description);

    public static HoursChanged HoursChanged(Guid restaurantId, HoursFeed hours) =>
        new(restaurantId, hours.TimeZone, hours.Weekly, hours.Exceptions, DateTimeOffset.UtcNow);
}
