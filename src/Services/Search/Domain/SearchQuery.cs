using NodaTime;

namespace Brigade.Search.Domain;

public enum SortOrder { Relevance, Distance, Wage, Date }

/// <summary>A point and, optionally, how far from it results may be.</summary>
public sealed record Nearby(double Lat, double Lng, double? RadiusKm);

/// <summary>A checked search request: what to look for, which filters hold, how to order, which page.</summary>
public sealed record SearchQuery(
    string? Text,
    IReadOnlyList<string> Kinds,
    Nearby? Near,
    IReadOnlyList<string> Cuisines,
    int? PriceMin,
    int? PriceMax,
    bool OpenNow,
    IReadOnlyList<string> Categories,
    long? MinWage,
    long? MaxWage,
    DateOnly? DateFrom,
    DateOnly? DateTo,
    SortOrder Sort,
    int Offset,
    int Limit,
    Instant Now);
