using Brigade.Search.Domain;
using NodaTime;

namespace Brigade.Search.Tests;

/// <summary>The pure Korean analysis and the rules it stands on.</summary>
public sealed class DomainTests
{
    [Theory]
    [InlineData("김치찌개", "ㄱㅊㅉㄱ")]
    [InlineData("갈비 Galbi", "ㄱㅂ")]
    [InlineData("ㄱㅂ", "ㄱㅂ")]
    public void Initial_consonants(string text, string initials) => Hangul.InitialConsonants(text).ShouldBe(initials);

    [Theory]
    [InlineData("갈비", "ㄱㅏㄹㅂㅣ")]
    [InlineData("갋", "ㄱㅏㄹㅂ")]      // a syllable still being typed is a prefix of the word
    [InlineData("과", "ㄱㅗㅏ")]        // compound vowels as their keys
    [InlineData("찌개", "ㅉㅣㄱㅐ")]
    public void Keystrokes(string text, string keys) => Hangul.Keystrokes(text).ShouldBe(keys);

    [Theory]
    [InlineData("갈비", "galbi")]
    [InlineData("김치찌개", "gimchijjigae")]
    [InlineData("떡볶이", "tteokboki")]         // no liaison: the key folds it with tteokbokki
    [InlineData("삼겹살", "samgyeopsal")]
    public void Revised_romanisation_syllable_by_syllable(string hangul, string latin) => Romanizer.Romanize(hangul).ShouldBe(latin);

    [Theory]
    [InlineData("갈비", "kalbi")]
    [InlineData("김치", "kimchi")]
    [InlineData("찌개", "chigae")]
    [InlineData("찌개", "jjigae")]
    [InlineData("떡볶이", "ddeokbokki")]
    [InlineData("막걸리", "makkoli")]
    [InlineData("된장", "dwenjang")]
    [InlineData("순두부", "soondubu")]
    public void Common_spellings_share_a_key(string hangul, string spelling) => Romanizer.Key(spelling).ShouldBe(Romanizer.Key(hangul));

    [Fact]
    public void Text_terms_are_whole_words_and_two_syllable_pieces_with_offsets()
    {
        var terms = KoreanText.Terms("강남역에서 BBQ", TermKind.Text);
        terms.Select(t => t.Text).ShouldBe(["강남역에서", "강남", "남역", "역에", "에서", "bbq"]);
        terms[1].ShouldBe(new Term("강남", 0, 2));
        terms[^1].ShouldBe(new Term("bbq", 6, 9));
        KoreanText.Terms(KoreanText.Normalize("ｋｉｍｃｈｉ"), TermKind.Text).Single().Text.ShouldBe("kimchi"); // full-width Latin folded
    }

    [Fact]
    public void Opening_hours_cross_midnight_and_yield_to_exceptions()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Seoul"];
        var friday = new LocalDate(2026, 12, 4);
        var hours = new OpeningHours(zone,
            [(IsoDayOfWeek.Friday, new ServicePeriod(18 * 60, 2 * 60)), (IsoDayOfWeek.Sunday, new ServicePeriod(11 * 60, 11 * 60))],
            new Dictionary<LocalDate, ServicePeriod[]> { [friday.PlusDays(7)] = [] });
        hours.IsOpenAt(friday.At(new LocalTime(17, 59))).ShouldBeFalse();
        hours.IsOpenAt(friday.At(new LocalTime(23, 0))).ShouldBeTrue();
        hours.IsOpenAt(friday.PlusDays(1).At(new LocalTime(1, 59))).ShouldBeTrue();  // Friday's service runs past midnight
        hours.IsOpenAt(friday.PlusDays(1).At(new LocalTime(2, 0))).ShouldBeFalse();
        hours.IsOpenAt(friday.PlusDays(2).At(new LocalTime(3, 0))).ShouldBeFalse();
        hours.IsOpenAt(friday.PlusDays(2).At(new LocalTime(12, 0))).ShouldBeTrue();  // open == close: around the clock
        hours.IsOpenAt(friday.PlusDays(3).At(new LocalTime(10, 59))).ShouldBeTrue();
        hours.IsOpenAt(friday.PlusDays(7).At(new LocalTime(20, 0))).ShouldBeFalse(); // closed that date
        hours.IsOpenAt(Instant.FromUtc(2026, 12, 4, 14, 0)).ShouldBeTrue();          // 23:00 in Seoul, 14:00 UTC
    }

    [Fact]
    public void Synonyms_are_data_and_match_longest_first()
    {
        var synonyms = new Synonyms(["# comment", "삼겹살, pork belly", "korean, 한식, korean food"]);
        synonyms.GroupCount.ShouldBe(2);
        var match = synonyms.Find(["korean", "food", "pork", "belly"]);
        match.Count.ShouldBe(2);
        match[0].WordCount.ShouldBe(2);
        match[1].Alternatives.Single().ShouldBe(["삼겹살"]);
        Synonyms.Default.GroupCount.ShouldBeGreaterThan(30);
    }

    [Fact]
    public void Highlights_escape_the_text_and_mark_what_matched()
    {
        var terms = new HighlightTerms();
        terms.Exact(TermKind.Text, "갈비");
        Highlighter.Mark("<b>돼지갈비</b> & 냉면", terms).ShouldBe("&lt;b&gt;돼지<em>갈비</em>&lt;/b&gt; &amp; 냉면");
        Highlighter.Mark("냉면", terms).ShouldBeNull();
    }

    [Fact]
    public void Suggestions_rank_heavier_entries_first_and_offer_popular_queries_when_empty()
    {
        var book = new SuggestionBook([
            new SuggestionEntry("김치찌개", "menu", 5), new SuggestionEntry("김밥", "menu", 9), new SuggestionEntry("김치찌개 맛집", "query", 40)]);
        book.Suggest("김", 10).Select(e => e.Text).ShouldBe(["김치찌개 맛집", "김밥", "김치찌개"]);
        book.Suggest("ㄱㅊ", 10).Select(e => e.Text).ShouldBe(["김치찌개 맛집", "김치찌개"]);
        book.Suggest("", 10).Select(e => e.Text).ShouldBe(["김치찌개 맛집"]);
    }
}
