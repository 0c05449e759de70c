using System.Text.Json.Serialization;

namespace Brigade.Contracts.Restaurants;

/// <summary>Where a restaurant is, as events carry it.</summary>
public sealed record GeoPoint(double Lat, double Lng);

/// <summary>The public profile of a restaurant at one version; the snapshot carried by profile events (<paramref name="Description"/> for search).</summary>
public sealed record RestaurantSnapshot(
    Guid RestaurantId,
    string Name,
    string? NameEn,
    string Cuisine,
    int? PriceRange,
    string? Distinction,
    string Address,
    GeoPoint Location,
    string TimeZone,
    string Currency,
    string Status,
    int Version,
    string? Description = null);

/// <summary>
/// A restaurant was created (status <c>draft</c>, or <c>published</c> for demo data); <paramref name="OwnerId"/> became its
/// owner member (null for demo restaurants loaded without an owner).
/// </summary>
[IntegrationEvent("restaurants.restaurant.created")]
public sealed record RestaurantCreated(RestaurantSnapshot Restaurant, Guid? OwnerId, DateTimeOffset CreatedAt) : IIntegrationEvent;

/// <summary>The profile changed (names, cuisine, address, location, …).</summary>
[IntegrationEvent("restaurants.restaurant.updated")]
public sealed record RestaurantUpdated(RestaurantSnapshot Restaurant, DateTimeOffset UpdatedAt) : IIntegrationEvent;

/// <summary>The restaurant is listed publicly and bookable from now on (first publication or reopening).</summary>
[IntegrationEvent("restaurants.restaurant.published")]
public sealed record RestaurantPublished(RestaurantSnapshot Restaurant, DateTimeOffset PublishedAt) : IIntegrationEvent;

/// <summary>The restaurant closed: no longer listed nor bookable.</summary>
[IntegrationEvent("restaurants.restaurant.closed")]
public sealed record RestaurantClosed(Guid RestaurantId, DateTimeOffset ClosedAt) : IIntegrationEvent;

/// <summary>One service period: <paramref name="Day"/> is <c>monday</c>…<c>sunday</c>, times are <c>HH:mm</c> local; a close at or before open ends the next day.</summary>
public sealed record WeeklyHours(string Day, string Open, string Close, string? Name);

/// <summary>A period of an exception date (<c>HH:mm</c> local).</summary>
public sealed record ExceptionHours(string Open, string Close, string? Name);

/// <summary>A date (<c>yyyy-MM-dd</c>, restaurant-local) that replaces the weekly hours: closed, or open only in <paramref name="Periods"/>.</summary>
public sealed record HoursException(string Date, bool Closed, IReadOnlyList<ExceptionHours> Periods, string? Note);

/// <summary>The whole opening-hours document replaced, in the restaurant's <paramref name="TimeZone"/>.</summary>
[IntegrationEvent("restaurants.hours.changed")]
public sealed record HoursChanged(
    Guid RestaurantId,
    string TimeZone,
    IReadOnlyList<WeeklyHours> Weekly,
    IReadOnlyList<HoursException> Exceptions,
    DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>An amount in minor units of an ISO 4217 currency.</summary>
public sealed record MoneyAmount(long Amount, string Currency);

/// <summary>An option of a modifier group (<c>곱빼기</c>, <c>extra shot</c>) and what it adds to the item's price, minor units (may be negative).</summary>
public sealed record MenuModifierOption(Guid OptionId, string Name, long PriceDelta);

/// <summary>
/// A choice offered with a menu item (<c>맵기</c>, <c>Size</c>): between <paramref name="MinChoices"/> and
/// <paramref name="MaxChoices"/> of its options are chosen; a <paramref name="Required"/> group needs at least one.
/// </summary>
public sealed record MenuModifierGroup(Guid GroupId, string Name, bool Required, int MinChoices, int MaxChoices, IReadOnlyList<MenuModifierOption> Options);

/// <summary>
/// A menu item (the product ordering sells) was created, changed, switched sold out or back, or removed
/// (<paramref name="Removed"/>). Carries the item as it is now. The members after <paramref name="ChangedAt"/> were added
/// later for ordering (null from a publisher that predates them): the description and photo a diner reads, the modifier
/// groups an order line chooses from, and the item's place within its category.
/// </summary>
[IntegrationEvent("restaurants.menu_item.changed")]
public sealed record MenuItemChanged(
    Guid RestaurantId,
    Guid ItemId,
    string Name,
    string? Category,
    MoneyAmount Price,
    bool SoldOut,
    IReadOnlyList<string> Dayparts,
    bool Removed,
    int Version,
    DateTimeOffset ChangedAt,
    string? Description = null,
    string? PhotoUrl = null,
    IReadOnlyList<MenuModifierGroup>? ModifierGroups = null,
    int? SortOrder = null) : IIntegrationEvent;

/// <summary>A named part of the restaurant's day; <paramref name="Start"/>/<paramref name="End"/> are <c>HH:mm</c> local, an end at or before the start runs past midnight.</summary>
public sealed record MenuDaypart(string Name, string Start, string End);

/// <summary>
/// The restaurant's dayparts (breakfast, lunch, dinner, …) were replaced; an item limited to dayparts
/// (<see cref="MenuItemChanged.Dayparts"/>) can be ordered only within one of them, in the restaurant's zone.
/// </summary>
[IntegrationEvent("restaurants.menu_dayparts.changed")]
public sealed record MenuDaypartsChanged(Guid RestaurantId, IReadOnlyList<MenuDaypart> Dayparts, DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>A table was created or changed (capacity, area, online bookability, priority, active flag).</summary>
[IntegrationEvent("restaurants.table.changed")]
public sealed record TableChanged(
    Guid RestaurantId,
    Guid TableId,
    string Label,
    int MinCapacity,
    int MaxCapacity,
    string? Area,
    bool OnlineBookable,
    int Priority,
    bool Active,
    int Version,
    DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>A combinable group of tables was created, changed or removed (<paramref name="Removed"/>).</summary>
[IntegrationEvent("restaurants.table_group.changed")]
public sealed record TableGroupChanged(
    Guid RestaurantId,
    Guid GroupId,
    string Name,
    IReadOnlyList<Guid> TableIds,
    int MinCapacity,
    int MaxCapacity,
    bool Active,
    bool Removed,
    DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>A diner reviewed a completed visit; the restaurant's rating is now <paramref name="RatingAverage"/> over <paramref name="RatingCount"/> reviews.</summary>
[IntegrationEvent("restaurants.review.posted")]
public sealed record ReviewPosted(
    Guid ReviewId,
    Guid RestaurantId,
    Guid DinerId,
    string VisitSource,
    Guid VisitSourceId,
    int Rating,
    double RatingAverage,
    int RatingCount,
    DateTimeOffset PostedAt) : IIntegrationEvent;

/// <summary>
/// A person became (or changed role as) <paramref name="Role"/> (<c>owner</c>, <c>manager</c>, <c>staff</c>) of a restaurant.
/// Identity consumes it into the <c>memberships</c> claim of the person's next access token.
/// </summary>
[IntegrationEvent("restaurants.member.added")]
public sealed record MemberAdded(Guid RestaurantId, Guid UserId, string Role, DateTimeOffset AddedAt) : IIntegrationEvent;

/// <summary>A person is no longer a member of the restaurant; identity drops the membership.</summary>
[IntegrationEvent("restaurants.member.removed")]
public sealed record MemberRemoved(Guid RestaurantId, Guid UserId, string Role, DateTimeOffset RemovedAt) : IIntegrationEvent;

[JsonSerializable(typeof(RestaurantCreated))]
[JsonSerializable(typeof(RestaurantUpdated))]
[JsonSerializable(typeof(RestaurantPublished))]
[JsonSerializable(typeof(RestaurantClosed))]
[JsonSerializable(typeof(HoursChanged))]
[JsonSerializable(typeof(MenuItemChanged))]
[JsonSerializable(typeof(MenuDaypartsChanged))]
[JsonSerializable(typeof(TableChanged))]
[JsonSerializable(typeof(TableGroupChanged))]
[JsonSerializable(typeof(ReviewPosted))]
[JsonSerializable(typeof(MemberAdded))]
[JsonSerializable(typeof(MemberRemoved))]
internal sealed partial class RestaurantEventsJsonContext : JsonSerializerContext;
