using System.Globalization;
using Brigade.Search.Domain;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Brigade.Search.Index;

/// <summary>Turns what search knows about a restaurant or a job into the document the index holds.</summary>
public static class DocumentBuilder
{
    public const string RestaurantKind = "restaurant";
    public const string JobKind = "job";

    public static string Key(string kind, Guid id) => kind + ":" + id.ToString("N");

    public static Document Restaurant(RestaurantFacts facts)
    {
        var p = facts.Profile!;
        var doc = Common(RestaurantKind, facts.Id, p.Location.Lat, p.Location.Lng);
        AddText(doc, Fields.Name, p.Name, p.NameEn);
        AddText(doc, Fields.Tags, Labels.CuisineText(p.Cuisine), Labels.DistinctionText(p.Distinction));
        var menu = facts.CurrentMenu.ToList();
        AddText(doc, Fields.Menu, menu.Select(m => m.Name).Concat(menu.Select(m => m.Category).Distinct()).ToArray());
        AddText(doc, Fields.Body, new[] { p.Description, p.Address }.Concat(menu.Select(m => m.Description)).ToArray());

        foreach (var part in Labels.CuisineParts(p.Cuisine))
        {
            doc.Add(new StringField(Fields.Cuisine, part, Field.Store.NO));
        }

        doc.Add(new SortedDocValuesField(Fields.Values(Fields.Cuisine), new BytesRef(p.Cuisine.ToLowerInvariant())));
        if (p.PriceRange is { } price)
        {
            doc.Add(new Int32Field(Fields.Price, price, Field.Store.NO));
            doc.Add(new NumericDocValuesField(Fields.Values(Fields.Price), price));
        }

        doc.Add(new NumericDocValuesField(Fields.Ordinal, facts.Ordinal));
        return doc;
    }

    public static Document Job(JobFacts facts)
    {
        var j = facts.Job;
        var doc = Common(JobKind, j.JobId, j.Location.Lat, j.Location.Lng);
        AddText(doc, Fields.Name, j.Title);
        AddText(doc, Fields.Tags, Labels.CategoryText(j.Category), j.RestaurantName);
        AddText(doc, Fields.Body, new[] { j.Description, j.Address }.Concat(j.Requirements).ToArray());

        doc.Add(new StringField(Fields.Category, j.Category, Field.Store.NO));
        doc.Add(new SortedDocValuesField(Fields.Values(Fields.Category), new BytesRef(j.Category)));
        doc.Add(new Int64Field(Fields.Wage, j.HourlyWage, Field.Store.NO));
        doc.Add(new NumericDocValuesField(Fields.Values(Fields.Wage), j.HourlyWage));
        var date = DateNumber(j.Date);
        doc.Add(new Int32Field(Fields.Date, date, Field.Store.NO));
        doc.Add(new NumericDocValuesField(Fields.Values(Fields.Date), date));
        doc.Add(new NumericDocValuesField(Fields.Values(Fields.Start), j.Start.ToUnixTimeSeconds()));
        doc.Add(new Int64Field(Fields.End, j.End.ToUnixTimeSeconds(), Field.Store.NO));
        return doc;
    }

    /// <summary><c>yyyy-MM-dd</c> as a sortable number (20261224); 0 when unreadable.</summary>
    public static int DateNumber(string date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? DateNumber(d) : 0;

    public static int DateNumber(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;

    private static Document Common(string kind, Guid id, double lat, double lng)
    {
        var doc = new Document
        {
            new StringField(Fields.Id, Key(kind, id), Field.Store.YES),
            new StringField(Fields.Kind, kind, Field.Store.NO),
            new SortedDocValuesField(Fields.Values(Fields.Kind), new BytesRef(kind)),
            new DoubleField(Fields.Lat, lat, Field.Store.NO),
            new DoubleField(Fields.Lng, lng, Field.Store.NO),
            new NumericDocValuesField(Fields.Values(Fields.Lat), BitConverter.DoubleToInt64Bits(lat)),
            new NumericDocValuesField(Fields.Values(Fields.Lng), BitConverter.DoubleToInt64Bits(lng)),
        };
        return doc;
    }

    private static void AddText(Document doc, string field, params string?[] values)
    {
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var text = KoreanText.Normalize(value);
            foreach (var kind in Fields.ViewsOf(field))
            {
                var terms = KoreanText.Terms(text, kind);
                if (terms.Count > 0)
                {
                    doc.Add(new TextField(Fields.View(field, kind), new TermsTokenStream(terms)));
                }
            }
        }
    }
}
