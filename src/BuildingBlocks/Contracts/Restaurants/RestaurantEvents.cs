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

/// <summary>
/// A menu item (the product ordering sells) was created, changed, switched sold out or back, or removed
/// (<paramref name="Removed"/>). Carries the item as it is now.
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
    string? Description = null) : IIntegrationEvent;

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
[JsonSerializable(typeof(TableChanged))]
[JsonSerializable(typeof(TableGroupChanged))]
[JsonSerializable(typeof(ReviewPosted))]
[JsonSerializable(typeof(MemberAdded))]
[JsonSerializable(typeof(MemberRemoved))]
internal sealed partial class RestaurantEventsJsonContext : JsonSerializerContext;
