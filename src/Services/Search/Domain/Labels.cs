namespace Brigade.Search.Domain;

/// <summary>
/// Korean and English words for the codes restaurants and jobs carry (<c>korean-bbq</c>, <c>kitchen_help</c>), indexed with
/// the document so 한식 finds a <c>korean</c> restaurant and 설거지 a <c>dishwashing</c> shift.
/// </summary>
public static class Labels
{
    private static readonly Dictionary<string, string> CuisineWords = new(StringComparer.Ordinal)
    {
        ["korean"] = "한식 한국 음식", ["bbq"] = "고기구이 바비큐", ["japanese"] = "일식 일본 음식", ["chinese"] = "중식 중국 음식 중화요리",
        ["french"] = "프렌치 프랑스 음식", ["italian"] = "이탈리안 이탈리아 음식", ["brunch"] = "브런치", ["cafe"] = "카페",
        ["vegan"] = "비건 채식", ["american"] = "아메리칸 미국 음식", ["indian"] = "인도 음식 커리", ["mexican"] = "멕시칸 멕시코 음식",
        ["pub"] = "펍 술집", ["spanish"] = "스페인 음식", ["steakhouse"] = "스테이크하우스 스테이크", ["vietnamese"] = "베트남 음식",
        ["street"] = "분식 길거리 음식", ["temple"] = "사찰음식", ["chicken"] = "치킨", ["modern"] = "모던", ["thai"] = "태국 음식",
        ["seafood"] = "해산물", ["western"] = "양식", ["dessert"] = "디저트", ["bakery"] = "베이커리 빵집", ["bar"] = "바 술집",
    };

    private static readonly Dictionary<string, string> CategoryWords = new(StringComparer.Ordinal)
    {
        ["serving"] = "서빙 홀서빙", ["kitchen_help"] = "주방보조 주방 보조", ["dishwashing"] = "설거지", ["barista"] = "바리스타",
        ["cooking"] = "조리 요리", ["cashier"] = "캐셔 계산", ["cleaning"] = "청소", ["prep"] = "재료 손질", ["delivery"] = "배달",
        ["bartending"] = "바텐더", ["host"] = "안내 호스트",
    };

    private static readonly Dictionary<string, string> DistinctionWords = new(StringComparer.Ordinal)
    {
        ["three_stars"] = "미쉐린 3스타 michelin", ["two_stars"] = "미쉐린 2스타 michelin", ["one_star"] = "미쉐린 1스타 michelin",
        ["bib_gourmand"] = "빕 구르망 bib gourmand", ["selected"] = "미쉐린 셀렉티드 michelin selected",
    };

    /// <summary>The cuisine code's parts (<c>korean-bbq</c> → korean, bbq), each a filter value: <c>cuisine=korean</c> keeps korean-bbq.</summary>
    public static IReadOnlyList<string> CuisineParts(string cuisine)
    {
        var code = cuisine.Trim().ToLowerInvariant();
        var parts = code.Split(['-', '_', ' '], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!parts.Contains(code))
        {
            parts.Insert(0, code);
        }

        return parts;
    }

    /// <summary>The words a person may use for a cuisine code, in English and Korean.</summary>
    public static string CuisineText(string cuisine) =>
        string.Join(' ', CuisineParts(cuisine).Select(p => CuisineWords.TryGetValue(p, out var ko) ? $"{p} {ko}" : p));

    public static string CategoryText(string category) =>
        CategoryWords.TryGetValue(category, out var ko) ? $"{category.Replace('_', ' ')} {ko}" : category.Replace('_', ' ');

    public static string? DistinctionText(string? distinction) =>
        distinction is null ? null : DistinctionWords.GetValueOrDefault(distinction, distinction.Replace('_', ' '));
}
