using System.Net;
using System.Text.Json;
using Brigade.Contracts.Restaurants;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Search.Tests;

/// <summary>A small Seoul corpus, read by the service's start-up rebuild from the restaurants and jobs feeds.</summary>
public sealed class CorpusFactory : SearchFactory
{
    public static readonly GeoPoint Mapo = new(37.5440, 126.9510);
    public static readonly GeoPoint Gangnam = new(37.5006, 127.0364);
    public static readonly GeoPoint Hannam = new(37.5347, 127.0056);

    protected override void Seed()
    {
        Add(Build.Feed(Build.Restaurant("마포 돼지갈비", "korean-bbq", "Mapo Pork Galbi", "참나무 장작에 굽는 양념 돼지갈비", "서울 마포구 토정로 312", Mapo, 2),
            Build.Hours(), Build.Dish("돼지갈비"), Build.Dish("소금구이"), Build.Dish("김치찌개", 8000), Build.Dish("공기밥", 1000)));
        Add(Build.Feed(Build.Restaurant("진진 김치찌개", "korean", "Jinjin Kimchi Stew", "묵은지로 끓이는 찌개 전문점", "서울 강남구 테헤란로 152", Gangnam, 1),
            Build.ClosedAllWeek(), Build.Dish("김치찌개", 9000), Build.Dish("참치김치찌개", 10000), Build.Dish("계란말이")));
        Add(Build.Feed(Build.Restaurant("청기와 고깃집", "korean-bbq", "Blue Roof Grill", "참나무 숯불로 굽는 한우 구이", "서울 용산구 한남대로 42", Hannam, 3),
            Build.Hours("11:00", "23:00"), Build.Dish("삼겹살", 16000), Build.Dish("목살", 16000), Build.Dish("된장찌개", 7000)));
        Add(Build.Feed(Build.Restaurant("연남 라멘", "japanese", "Yeonnam Ramen", "차슈 대신 소갈비를 올린 라멘도 있어요", "서울 마포구 동교로 262", Mapo, 2),
            Build.Hours("11:30", "21:00"), Build.Dish("돈코츠 라멘"), Build.Dish("매운 미소 라멘")));
        Add(Build.Feed(Build.Restaurant("신당 떡볶이", "korean-street-food", "Sindang Tteokbokki", "즉석 떡볶이 골목의 오래된 집", "서울 중구 다산로33길 5", Build.CityHall, 1),
            Build.Hours(), Build.Dish("즉석떡볶이"), Build.Dish("치즈 떡볶이"), Build.Dish("볶음밥")));
        Add(Build.Feed(Build.Restaurant("성수 화덕 피자", "italian", "Seongsu Wood-Fired Pizza", "나폴리식 화덕에서 굽는 피자", "서울 성동구 연무장길 28", Build.CityHall, 2),
            Build.Hours(), Build.Dish("마르게리타"), Build.Dish("디아볼라")));
        Add(Build.Feed(Build.Restaurant("담 한정식", "korean", "Dam Hanjeongsik", "계절 한정식 코스", "서울 종로구 종로 1", Build.CityHall, 4),
            Build.Hours(), Build.Dish("갈비찜", 45000), Build.Dish("점심 정식", 30000)));
        Add(Build.Feed(Build.Restaurant("비공개 초안 갈비", status: "draft"), Build.Hours(), Build.Dish("갈비")));

        foreach (var job in new[]
                 {
                     Build.Job("홀서빙 주말 알바", "serving", 12000, 2, Mapo, restaurantName: "마포 돼지갈비"),
                     Build.Job("주방보조 평일 오전", "kitchen_help", 13500, 5, Gangnam, restaurantName: "진진 김치찌개"),
                     Build.Job("설거지 단기 근무", "dishwashing", 11000, 1, Hannam, restaurantName: "청기와 고깃집"),
                     Build.Job("마감된 서빙", "serving", 20000, 2, status: "filled"),
                 })
        {
            Sources.Jobs[job.JobId] = job;
        }
    }

    private void Add(Brigade.Contracts.Search.RestaurantFeedItem item) => Sources.Restaurants[item.Restaurant.RestaurantId] = item;
}

/// <summary>Each Korean behaviour through HTTP, against the corpus.</summary>
public sealed class KoreanSearchTests(CorpusFactory app) : IClassFixture<CorpusFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => app.BuiltAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<List<string>> Names(string q, string more = "") => app.NamesAsync($"q={Uri.EscapeDataString(q)}&type=restaurant{more}");

    [Fact]
    public async Task Whole_words_and_two_syllable_pieces_find_a_word_inside_a_longer_one_or_before_a_particle()
    {
        (await Names("강남")).ShouldBe(["진진 김치찌개"]);                       // 강남구 in the address
        (await Names("숯불")).ShouldBe(["청기와 고깃집"]);                       // in the description only
        (await Names("찌개")).ShouldBe(["진진 김치찌개", "마포 돼지갈비", "청기와 고깃집"], ignoreOrder: true);
        (await Names("김치찌개"))[0].ShouldBe("진진 김치찌개");                  // in the name beats in the menu
    }

    [Fact]
    public async Task A_typo_in_a_dish_still_finds_it()
    {
        (await Names("김치찌게")).ShouldContain("진진 김치찌개");
        (await Names("김치찌게"))[0].ShouldBe("진진 김치찌개");
        (await Names("떡볶기")).ShouldContain("신당 떡볶이");
    }

    [Fact]
    public async Task Initial_consonants_find_the_words_they_start()
    {
        (await Names("ㄱㅂ")).ShouldContain("마포 돼지갈비");
        (await Names("ㄱㅊㅉㄱ"))[0].ShouldBe("진진 김치찌개");
        (await Names("ㄸㅂㅇ")).ShouldBe(["신당 떡볶이"]);
    }

    [Fact]
    public async Task Romanised_queries_in_the_usual_spellings_find_the_Korean_words()
    {
        (await Names("galbi")).ShouldContain("마포 돼지갈비");
        (await Names("kalbi")).ShouldContain("마포 돼지갈비");
        (await Names("kimchi jjigae"))[0].ShouldBe("진진 김치찌개");
        (await Names("kimchi chigae"))[0].ShouldBe("진진 김치찌개");
        (await Names("tteokbokki")).ShouldContain("신당 떡볶이");
        (await Names("dukbokki")).ShouldContain("신당 떡볶이");
        (await Names("samgyupsal")).ShouldBe(["청기와 고깃집"]);
    }

    [Fact]
    public async Task English_names_are_searchable()
    {
        (await Names("wood-fired pizza")).ShouldBe(["성수 화덕 피자"]);
        (await Names("Blue Roof")).ShouldBe(["청기와 고깃집"]);
    }

    [Fact]
    public async Task Synonyms_kept_as_data_connect_Korean_and_English()
    {
        (await Names("pork belly")).ShouldBe(["청기와 고깃집"]);              // 삼겹살 on the menu, no English anywhere
        var korean = await Names("한식");
        korean.ShouldContain("진진 김치찌개");
        korean.ShouldNotContain("성수 화덕 피자");
        (await Names("korean food")).ShouldContain("담 한정식");
    }

    [Fact]
    public async Task A_match_in_the_name_outranks_one_in_the_description_and_drafts_are_not_listed()
    {
        var names = await Names("갈비");
        names[0].ShouldBe("마포 돼지갈비");
        names.ShouldContain("연남 라멘");                                        // 소갈비 in its description
        names.IndexOf("연남 라멘").ShouldBeGreaterThan(names.IndexOf("마포 돼지갈비"));
        names.ShouldNotContain("비공개 초안 갈비");
    }

    [Fact]
    public async Task Hits_carry_highlights_and_the_dishes_that_matched()
    {
        var body = await app.SearchAsync("q=" + Uri.EscapeDataString("돼지갈비") + "&type=restaurant");
        var first = body.GetProperty("items")[0];
        first.GetProperty("highlights").GetProperty("name").GetString().ShouldBe("마포 <em>돼지갈비</em>");
        var dish = first.GetProperty("restaurant").GetProperty("matchedMenu")[0];
        dish.GetProperty("name").GetString().ShouldBe("돼지갈비");
        dish.GetProperty("highlight").GetString().ShouldBe("<em>돼지갈비</em>");

        var initials = await app.SearchAsync("q=" + Uri.EscapeDataString("ㄱㅊㅉㄱ") + "&type=restaurant");
        initials.GetProperty("items")[0].GetProperty("highlights").GetProperty("name").GetString().ShouldBe("진진 <em>김치찌개</em>");
        var roman = await app.SearchAsync("q=galbi&type=restaurant");
        roman.GetProperty("items")[0].GetProperty("highlights").GetProperty("nameEn").GetString()!.ShouldContain("<em>Galbi</em>");
    }

    [Fact]
    public async Task Filters_and_facets()
    {
        var all = await app.SearchAsync("type=restaurant&limit=50");
        all.GetProperty("total").GetInt32().ShouldBe(7);
        var cuisines = all.GetProperty("facets").GetProperty("cuisine");
        cuisines.GetProperty("korean-bbq").GetInt32().ShouldBe(2);
        cuisines.GetProperty("italian").GetInt32().ShouldBe(1);

        (await app.NamesAsync("type=restaurant&cuisine=korean&limit=50")).Count.ShouldBe(5); // korean, korean-bbq, korean-street-food
        (await app.NamesAsync("type=restaurant&priceMin=3")).ShouldBe(["청기와 고깃집", "담 한정식"], ignoreOrder: true);
        var open = await app.NamesAsync("type=restaurant&openNow=true&limit=50");
        open.ShouldContain("마포 돼지갈비");                                      // open around the clock
        open.ShouldNotContain("진진 김치찌개");                                   // closed every day
        (await app.NamesAsync($"near={CorpusFactory.Gangnam.Lat},{CorpusFactory.Gangnam.Lng}&radiusKm=2&type=restaurant")).ShouldBe(["진진 김치찌개"]);

        var byDistance = await app.SearchAsync($"near={CorpusFactory.Mapo.Lat},{CorpusFactory.Mapo.Lng}&sort=distance&type=restaurant&limit=50");
        var distances = byDistance.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("distanceKm").GetDouble()).ToList();
        distances.ShouldBe(distances.OrderBy(d => d).ToList());
        distances[0].ShouldBe(0, 0.01);
    }

    [Fact]
    public async Task Facets_count_restaurants_and_jobs_together()
    {
        var facets = (await app.SearchAsync("limit=1")).GetProperty("facets");
        facets.GetProperty("type").GetProperty("restaurant").GetInt32().ShouldBe(7);
        facets.GetProperty("type").GetProperty("job").GetInt32().ShouldBe(3);
        facets.GetProperty("category").EnumerateObject().Sum(c => c.Value.GetInt32()).ShouldBe(3);
        facets.GetProperty("cuisine").GetProperty("korean-bbq").GetInt32().ShouldBe(2);
    }

    /// <summary>Left on, the validation generator walks the services an endpoint takes: the engine's whole catalogue per search.</summary>
    [Fact]
    public void Search_endpoints_do_not_run_the_validation_generator_over_their_services()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/search", StringComparison.Ordinal) == true).ToList();
        endpoints.Count.ShouldBe(5);
        endpoints.ShouldAllBe(e => e.Metadata.GetMetadata<IDisableValidationMetadata>() != null);
    }

    [Fact]
    public async Task Jobs_search_by_words_category_wage_and_date_and_leaves_out_filled_postings()
    {
        (await app.NamesAsync("q=" + Uri.EscapeDataString("서빙") + "&type=job")).ShouldBe(["홀서빙 주말 알바"]);
        using var client = app.Client();
        async Task<List<string>> Jobs(string query) =>
            (await (await client.GetAsync("/api/search/jobs?" + query)).ShouldBeAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(SearchFactory.NameOf).ToList();

        (await Jobs("")).Count.ShouldBe(3);
        (await Jobs("")).ShouldBe(["설거지 단기 근무", "홀서빙 주말 알바", "주방보조 평일 오전"]); // soonest first
        (await Jobs("category=kitchen_help")).ShouldBe(["주방보조 평일 오전"]);
        (await Jobs("minWage=12000&sort=wage")).ShouldBe(["주방보조 평일 오전", "홀서빙 주말 알바"]);
        (await Jobs("q=dishwashing")).ShouldBe(["설거지 단기 근무"]);
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(5).ToString("yyyy-MM-dd");
        (await Jobs("date=" + date)).ShouldBe(["주방보조 평일 오전"]);
        (await Jobs($"near={CorpusFactory.Hannam.Lat},{CorpusFactory.Hannam.Lng}&radiusKm=1")).ShouldBe(["설거지 단기 근무"]);
    }

    [Fact]
    public async Task Suggestions_complete_prefixes_initials_unfinished_syllables_and_romanisation()
    {
        (await app.SuggestionsAsync("돼지")).ShouldContain("돼지갈비");
        (await app.SuggestionsAsync("돼지")).ShouldContain("마포 돼지갈비");
        (await app.SuggestionsAsync("ㄱㅊㅉ")).ShouldContain("김치찌개");
        (await app.SuggestionsAsync("김ㅊ")).ShouldContain("김치찌개");
        (await app.SuggestionsAsync("갋")).ShouldContain("갈비찜");                 // 갈 + ㅂ still being typed
        (await app.SuggestionsAsync("galb")).ShouldContain("갈비찜");
        (await app.SuggestionsAsync("jinjin")).ShouldContain("Jinjin Kimchi Stew");
        (await app.SuggestionsAsync("설거")).ShouldContain("설거지 단기 근무");
    }

    [Fact]
    public async Task Queries_people_repeat_become_suggestions()
    {
        var query = "돈코츠 라멘";
        for (var i = 0; i < 3; i++)
        {
            (await Names(query)).ShouldNotBeEmpty();
        }

        await ServiceFactory<Program>.EventuallyAsync(async () =>
        {
            using var client = app.Client();
            var body = await (await client.GetAsync("/api/search/suggestions")).ShouldBeAsync(HttpStatusCode.OK);
            return body.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("text").GetString() == query && i.GetProperty("kind").GetString() == "query");
        }, "the repeated query to be suggested");
        (await app.SuggestionsAsync("ㄷㅋ")).ShouldContain(query);
    }

    [Theory]
    [InlineData("near=37.5", "near")]
    [InlineData("near=91,10", "near")]
    [InlineData("near=abc,def", "near")]
    [InlineData("radiusKm=3", "radiusKm")]
    [InlineData("near=37.5,127&radiusKm=0", "radiusKm")]
    [InlineData("near=37.5,127&radiusKm=abc", "radiusKm")]
    [InlineData("sort=distance", "sort")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("type=menu", "type")]
    [InlineData("priceMin=3&priceMax=2", "priceMax")]
    [InlineData("priceMin=9", "priceMin")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("date=2026-13-01", "date")]
    [InlineData("dateFrom=2026-12-10&dateTo=2026-12-01", "dateTo")]
    [InlineData("minWage=-1", "minWage")]
    [InlineData("minWage=20000&maxWage=10000", "maxWage")]
    [InlineData("type=restaurant&minWage=10000", "type")]
    [InlineData("type=job&openNow=true", "type")]
    [InlineData("openNow=maybe", "openNow")]
    [InlineData("cuisine=a,b,c,d,e,f,g,h,i,j,k", "cuisine")]
    public async Task Bad_input_is_a_precise_400(string query, string field)
    {
        using var client = app.Client();
        await (await client.GetAsync("/api/search?" + query)).ShouldBeInvalidAsync(field);
    }

    [Fact]
    public async Task Bad_input_on_the_other_endpoints()
    {
        using var client = app.Client();
        await (await client.GetAsync("/api/search?q=" + new string('가', 101))).ShouldBeInvalidAsync("q");
        await (await client.GetAsync("/api/search/jobs?type=restaurant")).ShouldBeInvalidAsync("type");
        await (await client.GetAsync("/api/search/jobs?cuisine=korean")).ShouldBeInvalidAsync("type");
        await (await client.GetAsync("/api/search/suggestions?limit=50")).ShouldBeInvalidAsync("limit");
        await (await client.GetAsync("/api/search/suggestions?q=%00")).ShouldBeInvalidAsync("q");
        (await app.NamesAsync("q=" + Uri.EscapeDataString("!!! ???"))).Count.ShouldBe(7 + 3); // nothing to look for: everything
    }

    [Fact]
    public async Task Only_admins_may_rebuild_the_index()
    {
        (await app.Client().PostAsync("/api/search/reindex", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Client(Callers.Diner()).PostAsync("/api/search/reindex", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Client(Callers.Diner()).GetAsync("/api/search/reindex")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
