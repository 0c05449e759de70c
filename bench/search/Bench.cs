using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Brigade.Contracts.Restaurants;
using Brigade.Contracts.Search;
using Brigade.Search.Tests;

namespace Brigade.Bench.Search;

/// <summary>A search host over a corpus put into its feeds before it starts.</summary>
internal sealed class Corpus(Action<SourceStub> fill) : SearchFactory
{
    protected override void Seed() => fill(Sources);

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Search:FeedPageSize"] = "1000";
        settings["Logging:LogLevel:Default"] = "Error";
    }
}

/// <summary>
/// 1. Relevance: the judged Korean query set (judged-ko.json) over the Seoul demo restaurants: recall@10 and nDCG@10.
/// 2. Latency: p50/p99 of GET /api/search over 100,000 generated documents (restaurants with menus, and jobs), queries
///    of every kind (words, 초성, typos, romanised, synonyms) with filters and distance sort, one client, after warm-up.
/// 3. Indexing lag: from an event committed to the outbox to the document being found, p50/p99.
/// </summary>
internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_SEARCH", AppContext.BaseDirectory);
        var documents = Option(args, "--documents", 100_000);
        var queries = Option(args, "--queries", 2000);
        var lagSamples = Option(args, "--lag-samples", 200);

        await RelevanceAsync();

        await LatencyAndLagAsync(documents, queries, lagSamples);
        return 0;
    }

    // ------------------------------------------------------------------ relevance

    private static async Task RelevanceAsync()
    {
        var demo = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seoul.json"))).RootElement;
        var items = DemoRestaurants(demo).ToList();
        var app = new Corpus(s =>
        {
            foreach (var item in items)
            {
                s.Restaurants[item.Restaurant.RestaurantId] = item;
            }
        });
        await app.InitializeAsync();
        await using var baseline = await Baseline.CreateAsync(items, []);
        try
        {
            await WaitBuiltAsync(app);
            var judged = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "judged-ko.json"))).RootElement.GetProperty("queries");
            double recallSum = 0, ndcgSum = 0, baseRecallSum = 0, baseNdcgSum = 0;
            var count = 0;
            Console.WriteLine("query | search recall@10 nDCG@10 | baseline recall@10 nDCG@10 | search top 3");
            foreach (var q in judged.EnumerateArray())
            {
                var text = q.GetProperty("query").GetString()!;
                var relevant = q.GetProperty("relevant").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
                var path = $"/api/search?q={Uri.EscapeDataString(text)}&type=restaurant&limit=10";
                var names = await app.NamesAsync(path["/api/search?".Length..]);
                var (recall, ndcg) = Score(relevant, names);
                var (baseRecall, baseNdcg) = Score(relevant, (await baseline.QueryAsync(path)).Names);
                recallSum += recall;
                ndcgSum += ndcg;
                baseRecallSum += baseRecall;
                baseNdcgSum += baseNdcg;
                count++;
                Console.WriteLine($"{text} | {recall:0.00} {ndcg:0.00} | {baseRecall:0.00} {baseNdcg:0.00} | {string.Join(", ", names.Take(3))}");
            }

            Console.WriteLine($"judged set ({count} queries, {items.Count} restaurants): search recall@10 {recallSum / count:0.000}, nDCG@10 {ndcgSum / count:0.000}; "
                              + $"baseline (PostgreSQL ILIKE + pg_trgm) recall@10 {baseRecallSum / count:0.000}, nDCG@10 {baseNdcgSum / count:0.000}");
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static (double Recall, double Ndcg) Score(Dictionary<string, int> relevant, List<string> names)
    {
        var recall = relevant.Keys.Count(names.Contains) / (double)relevant.Count;
        var dcg = names.Take(10).Select((n, i) => (Math.Pow(2, relevant.GetValueOrDefault(n)) - 1) / Math.Log2(i + 2)).Sum();
        var ideal = relevant.Values.OrderDescending().Take(10).Select((g, i) => (Math.Pow(2, g) - 1) / Math.Log2(i + 2)).Sum();
        return (recall, ideal == 0 ? 0 : dcg / ideal);
    }

    /// <summary>The start-up rebuild of a large corpus on a busy machine takes longer than the tests' minute.</summary>
    private static async Task WaitBuiltAsync(Corpus app)
    {
        using var client = app.Client(Callers.Admin());
        var started = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync("/api/search/reindex");
            if (response.IsSuccessStatusCode)
            {
                var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("state").GetString();
                if (state == "done")
                {
                    return;
                }

                if (state == "failed")
                {
                    throw new InvalidOperationException("the start-up rebuild failed");
                }
            }

            if (started.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException("the start-up rebuild did not finish within 30 minutes");
            }

            await Task.Delay(250);
        }
    }

    private static IEnumerable<RestaurantFeedItem> DemoRestaurants(JsonElement demo)
    {
        var hours = demo.GetProperty("hours");
        foreach (var r in demo.GetProperty("restaurants").EnumerateArray())
        {
            var snapshot = new RestaurantSnapshot(Guid.CreateVersion7(), r.GetProperty("name").GetString()!, Text(r, "nameEn"), r.GetProperty("cuisine").GetString()!,
                r.TryGetProperty("priceRange", out var p) ? p.GetInt32() : null, Text(r, "distinction"), r.GetProperty("address").GetString()!,
                new GeoPoint(r.GetProperty("lat").GetDouble(), r.GetProperty("lng").GetDouble()), "Asia/Seoul", "KRW", "published", 1, Text(r, "description"));
            var h = hours.GetProperty(r.GetProperty("hours").GetString()!);
            var feedHours = new HoursFeed("Asia/Seoul",
                h.GetProperty("weekly").EnumerateArray().Select(w => new WeeklyHours(w.GetProperty("day").GetString()!, w.GetProperty("open").GetString()!, w.GetProperty("close").GetString()!, null)).ToList(),
                []);
            var menu = r.TryGetProperty("menu", out var m)
                ? m.EnumerateArray().Select(i => new MenuItemFeed(Guid.CreateVersion7(), i.GetProperty("name").GetString()!, Text(i, "category"), Text(i, "description"),
                    new MoneyAmount(i.GetProperty("price").GetProperty("amount").GetInt64(), "KRW"), false, 1)).ToList()
                : [];
            yield return new RestaurantFeedItem(snapshot, feedHours, menu);
        }

        static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    // ------------------------------------------------------------------ latency and lag

    private static readonly (string Name, double Lat, double Lng, string Gu)[] Districts =
    [
        ("강남", 37.4979, 127.0276, "강남구"), ("마포", 37.5663, 126.9019, "마포구"), ("종로", 37.5704, 126.9921, "종로구"), ("용산", 37.5326, 126.9905, "용산구"),
        ("성수", 37.5446, 127.0559, "성동구"), ("홍대", 37.5563, 126.9236, "마포구"), ("이태원", 37.5345, 126.9946, "용산구"), ("여의도", 37.5219, 126.9245, "영등포구"),
        ("잠실", 37.5133, 127.1001, "송파구"), ("신촌", 37.5551, 126.9368, "서대문구"), ("을지로", 37.5660, 126.9910, "중구"), ("명동", 37.5636, 126.9826, "중구"),
        ("압구정", 37.5270, 127.0286, "강남구"), ("건대", 37.5404, 127.0692, "광진구"), ("노원", 37.6542, 127.0568, "노원구"), ("목동", 37.5262, 126.8748, "양천구"),
    ];

    private static readonly (string Dish, string Cuisine)[] Dishes =
    [
        ("김치찌개", "korean"), ("된장찌개", "korean"), ("순두부찌개", "korean"), ("돼지갈비", "korean-bbq"), ("소갈비", "korean-bbq"), ("삼겹살", "korean-bbq"),
        ("목살", "korean-bbq"), ("불고기", "korean"), ("비빔밥", "korean"), ("물냉면", "korean"), ("비빔냉면", "korean"), ("칼국수", "korean"), ("만두", "korean"),
        ("떡볶이", "korean-street-food"), ("순대", "korean-street-food"), ("김밥", "korean-street-food"), ("국밥", "korean"), ("설렁탕", "korean"), ("곰탕", "korean"),
        ("해장국", "korean"), ("삼계탕", "korean"), ("닭갈비", "korean"), ("치킨", "korean-fried-chicken"), ("족발", "korean"), ("보쌈", "korean"),
        ("돈코츠 라멘", "japanese"), ("우동", "japanese"), ("초밥", "japanese"), ("돈카츠", "japanese"), ("짜장면", "chinese"), ("짬뽕", "chinese"),
        ("탕수육", "chinese"), ("마라탕", "chinese"), ("쌀국수", "vietnamese"), ("파스타", "italian"), ("피자", "italian"), ("스테이크", "steakhouse"),
        ("수제버거", "american"), ("타코", "mexican"), ("커리", "indian"), ("샐러드", "vegan"), ("파전", "korean"), ("막걸리", "pub"), ("갈비찜", "korean"),
    ];

    private static readonly string[] Suffixes = ["식당", "집", "본점", "전문점", "상회", "가든", "명가", "키친", "하우스", ""];
    private static readonly string[] Prefixes = ["", "", "원조 ", "할머니 ", "옛날 ", "신 ", "진 ", "청 ", "대박 ", "우리 "];
    private static readonly string[] Categories = ["serving", "kitchen_help", "dishwashing", "barista", "cooking", "cashier"];

    private static readonly string[] QueryTexts =
    [
        "김치찌개", "갈비", "돼지갈비", "ㄱㅂ", "ㄱㅊㅉㄱ", "ㄷㅈㄱㅂ", "galbi", "kimchi jjigae", "김치찌게", "떡볶기", "강남 삼겹살", "마포 고기", "냉면",
        "naengmyeon", "떡볶이", "치킨", "pork belly", "한식", "만두", "dumplings", "라멘", "마라탕", "원조 할머니 국밥", "설거지", "서빙", "pho", "스테이크",
    ];

    private static readonly string[] Filters =
    [
        "", "&type=restaurant", "&cuisine=korean", "&priceMax=2", "&openNow=true", "&type=restaurant&priceMin=2&priceMax=3",
        "&near={0}&radiusKm=3&sort=distance", "&near={0}&radiusKm=5", "&near={0}&sort=distance", "&type=job&minWage=11000&near={0}&radiusKm=10",
    ];

    private static async Task LatencyAndLagAsync(int documents, int queries, int lagSamples)
    {
        var random = new Random(20261224);
        var jobs = documents / 10;
        var build = Stopwatch.StartNew();
        var app = new Corpus(s => Generate(s, documents - jobs, jobs, random));
        await app.InitializeAsync();
        try
        {
            await WaitBuiltAsync(app);
            build.Stop();
            var baselineBuild = Stopwatch.StartNew();
            await using var baseline = await Baseline.CreateAsync(app.Sources.Restaurants.Values, app.Sources.Jobs.Values);
            baselineBuild.Stop();
            await MeasureAsync(app, baseline, documents, jobs, queries, lagSamples, random, build, baselineBuild);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task MeasureAsync(
        Corpus app, Baseline baseline, int documents, int jobs, int queries, int lagSamples, Random random, Stopwatch build, Stopwatch baselineBuild)
    {
        var total = (await app.SearchAsync("limit=1")).GetProperty("total").GetInt32();
        Console.WriteLine($"index: {total:N0} documents listed ({documents - jobs:N0} restaurants with menus, {jobs:N0} jobs) built in {build.Elapsed.TotalSeconds:0.0} s "
                          + $"(host start and feed included); baseline table loaded and indexed in {baselineBuild.Elapsed.TotalSeconds:0.0} s");

        using var client = app.Client();
        string NextQuery()
        {
            var d = Districts[random.Next(Districts.Length)];
            var near = string.Create(CultureInfo.InvariantCulture, $"{d.Lat + (random.NextDouble() - 0.5) / 50:0.0000},{d.Lng + (random.NextDouble() - 0.5) / 50:0.0000}");
            var text = random.Next(8) == 0 ? "" : "q=" + Uri.EscapeDataString(QueryTexts[random.Next(QueryTexts.Length)]);
            var filter = string.Format(CultureInfo.InvariantCulture, Filters[random.Next(Filters.Length)], near);
            if (text.Length == 0 && !filter.Contains("near", StringComparison.Ordinal))
            {
                filter += "&near=" + near + "&radiusKm=2&sort=distance";
            }

            return "/api/search?" + text + filter;
        }

        for (var i = 0; i < 100; i++)
        {
            var path = NextQuery(); // warm-up, not counted
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
            await baseline.QueryAsync(path);
        }

        // The same queries on both, one after the other, so that whatever else the machine does weighs on both alike.
        var times = new List<double>(queries);
        var baseTimes = new List<double>(queries);
        long hits = 0, baseHits = 0;
        for (var i = 0; i < queries; i++)
        {
            var path = NextQuery();
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {body}");
            }

            hits += JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32();

            started = Stopwatch.GetTimestamp();
            var (_, found) = await baseline.QueryAsync(path);
            baseTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            baseHits += found;
        }

        Console.WriteLine($"query latency over {total:N0} documents, {queries} queries (words, 초성, typos, romanised, synonyms; filters, distance sort), one client:");
        Console.WriteLine($"  search (HTTP in process, facets, highlights): p50 {Percentile(times, 50):0.0} ms, p99 {Percentile(times, 99):0.0} ms, max {times.Max():0.0} ms; mean hits {hits / (double)queries:N0}");
        Console.WriteLine($"  baseline (SQL direct, PostgreSQL ILIKE + pg_trgm): p50 {Percentile(baseTimes, 50):0.0} ms, p99 {Percentile(baseTimes, 99):0.0} ms, max {baseTimes.Max():0.0} ms; mean hits {baseHits / (double)queries:N0}");
        Console.WriteLine($"  baseline/search: p50 {Percentile(baseTimes, 50) / Percentile(times, 50):0.00}x, p99 {Percentile(baseTimes, 99) / Percentile(times, 99):0.00}x");

        var lags = new List<double>(lagSamples);
        for (var i = 0; i < lagSamples; i++)
        {
            var name = $"지연측정 {i} {Guid.NewGuid():N}"[..20];
            var restaurant = Build.Restaurant(name, at: new GeoPoint(37.55, 126.98));
            var started = Stopwatch.GetTimestamp();
            await app.PublishAsync(new RestaurantPublished(restaurant, DateTimeOffset.UtcNow));
            var query = "/api/search?limit=1&q=" + Uri.EscapeDataString(name);
            while (true)
            {
                var found = JsonDocument.Parse(await client.GetStringAsync(query)).RootElement.GetProperty("items").EnumerateArray()
                    .Any(h => h.GetProperty("id").GetGuid() == restaurant.RestaurantId);
                if (found)
                {
                    break;
                }

                if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"{name} was not indexed within 30 s");
                }

                await Task.Delay(2);
            }

            lags.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Console.WriteLine($"indexing lag (outbox commit → broker → consumer → index → searchable), {lagSamples} events one at a time: "
                          + $"p50 {Percentile(lags, 50):0} ms, p99 {Percentile(lags, 99):0} ms, max {lags.Max():0} ms");
    }

    private static void Generate(SourceStub s, int restaurants, int jobs, Random random)
    {
        for (var i = 0; i < restaurants; i++)
        {
            var d = Districts[random.Next(Districts.Length)];
            var (dish, cuisine) = Dishes[random.Next(Dishes.Length)];
            var name = $"{Prefixes[random.Next(Prefixes.Length)]}{d.Name} {dish}{Suffixes[random.Next(Suffixes.Length)]}".Trim();
            var at = new GeoPoint(d.Lat + (random.NextDouble() - 0.5) / 25, d.Lng + (random.NextDouble() - 0.5) / 25);
            var restaurant = Build.Restaurant(name, cuisine, $"{d.Name} {dish} House", $"{d.Name}에서 {random.Next(5, 40)}년째 {dish}를 만드는 집",
                $"서울 {d.Gu} {d.Name}로 {random.Next(1, 300)}", at, random.Next(1, 5));
            var menu = Enumerable.Range(0, random.Next(4, 9)).Select(_ => Dishes[random.Next(Dishes.Length)].Dish).Prepend(dish).Distinct()
                .Select(m => Build.Dish(m, random.Next(6, 40) * 1000)).ToArray();
            var hours = random.Next(5) switch
            {
                0 => Build.Hours(),
                1 => Build.Hours("17:00", "02:00"),
                _ => Build.Hours($"{random.Next(9, 13):00}:00", $"{random.Next(20, 24):00}:30"),
            };
            s.Restaurants[restaurant.RestaurantId] = Build.Feed(restaurant, hours, menu);
        }

        for (var i = 0; i < jobs; i++)
        {
            var d = Districts[random.Next(Districts.Length)];
            var category = Categories[random.Next(Categories.Length)];
            var job = Build.Job($"{d.Name} {Brigade.Search.Domain.Labels.CategoryText(category).Split(' ')[^1]} 단기", category, random.Next(100, 180) * 100,
                random.Next(1, 30), new GeoPoint(d.Lat + (random.NextDouble() - 0.5) / 25, d.Lng + (random.NextDouble() - 0.5) / 25),
                restaurantName: $"{d.Name} {Dishes[random.Next(Dishes.Length)].Dish}집");
            s.Jobs[job.JobId] = job;
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }
}
