using Brigade.Search.Domain;

namespace Brigade.Search.Index;

/// <summary>
/// The index's fields. Text goes into four logical fields — <see cref="Name"/>, <see cref="Tags"/> (cuisine, category,
/// distinction, the job's restaurant), <see cref="Menu"/> (dishes and their categories) and <see cref="Body"/>
/// (descriptions, address) — each indexed in several views (<see cref="TermKind"/>) under a suffixed name.
/// </summary>
public static class Fields
{
    public const string Id = "id";
    public const string Kind = "kind";
    public const string Name = "name";
    public const string Tags = "tags";
    public const string Menu = "menu";
    public const string Body = "body";
    public const string Cuisine = "cuisine";
    public const string Category = "category";
    public const string Price = "price";
    public const string Lat = "lat";
    public const string Lng = "lng";
    public const string Ordinal = "ord";
    public const string Wage = "wage";
    public const string Date = "date";
    public const string Start = "start";
    public const string End = "end";

    /// <summary>Doc-values twin of a field (facets, sorting, distance).</summary>
    public static string Values(string field) => field + ".dv";

    /// <summary>The field that holds <paramref name="kind"/>'s view of a logical text field.</summary>
    public static string View(string field, TermKind kind) => kind switch
    {
        TermKind.Text => field,
        TermKind.Keystrokes => field + ".k",
        TermKind.Roman => field + ".r",
        _ => field + ".i",
    };

    /// <summary>Logical text fields with their weight in ranking: a match in the name counts most.</summary>
    public static readonly (string Field, float Boost)[] Weighted = [(Name, 4f), (Tags, 2.5f), (Menu, 2f), (Body, 1f)];

    /// <summary>The fields indexed in every view; the body only as text (typo and initial matches there would be noise).</summary>
    public static readonly string[] AllViews = [Name, Tags, Menu];

    public static IEnumerable<TermKind> ViewsOf(string field) =>
        AllViews.Contains(field) ? [TermKind.Text, TermKind.Keystrokes, TermKind.Roman, TermKind.Initials] : [TermKind.Text];
}
