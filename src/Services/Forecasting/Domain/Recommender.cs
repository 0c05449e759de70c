namespace Brigade.Forecasting.Domain;

/// <summary>A thing recommended (a restaurant or a menu item), its score and why: <c>similar</c> or <c>popular</c>.</summary>
public sealed record Recommendation(Guid Id, double Score, string Reason);

/// <summary>
/// Item-item collaborative filtering with cosine similarity on who-chose-what (binary: a diner who ordered a dish ten times
/// counts once, so one regular does not define the neighbourhood). A diner's candidates are scored by their summed similarity
/// to what the diner already chose; what the diner cannot book or order (<c>allowed</c> false) is never offered, and the list
/// is filled up from the most popular allowed things (a new diner gets popularity alone).
/// ML.NET's matrix factorisation (Microsoft.ML.Recommender) is not served by the feed; at a restaurant platform's density
/// item-item neighbours are as good and explainable.
/// </summary>
public static class Recommender
{
    /// <param name="neighbourhood">Pairs (diner, thing) of every diner who shares a thing with <paramref name="diner"/>, the diner's own included.</param>
    /// <param name="choosers">How many diners chose each thing (the cosine's norms).</param>
    /// <param name="popular">Things by popularity, most popular first.</param>
    public static IReadOnlyList<Recommendation> ForDiner(
        Guid diner,
        IReadOnlyCollection<(Guid Diner, Guid Thing)> neighbourhood,
        IReadOnlyDictionary<Guid, int> choosers,
        IReadOnlyList<Guid> popular,
        Func<Guid, bool> allowed,
        int take)
    {
        var mine = neighbourhood.Where(p => p.Diner == diner).Select(p => p.Thing).ToHashSet();
        var byDiner = neighbourhood.Where(p => p.Diner != diner).GroupBy(p => p.Diner).Select(g => g.Select(p => p.Thing).ToHashSet());
        var co = new Dictionary<(Guid Mine, Guid Other), int>();
        foreach (var things in byDiner)
        {
            foreach (var m in things.Where(mine.Contains))
            {
                foreach (var o in things.Where(t => !mine.Contains(t)))
                {
                    co[(m, o)] = co.GetValueOrDefault((m, o)) + 1;
                }
            }
        }

        var scores = co.GroupBy(c => c.Key.Other)
            .Select(g => new Recommendation(g.Key, g.Sum(c => c.Value / Math.Sqrt(Norm(choosers, c.Key.Mine) * Norm(choosers, c.Key.Other))), "similar"))
            .Where(r => allowed(r.Id))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Id)
            .Take(take)
            .ToList();
        return Fill(scores, popular, allowed, take, exclude: mine);
    }

    /// <summary>"Guests who ordered this also ordered": cosine over orders between <paramref name="item"/> and each item ordered with it.</summary>
    /// <param name="together">For each other item, the orders that held both.</param>
    public static IReadOnlyList<Recommendation> AlsoOrdered(Guid item, IReadOnlyDictionary<Guid, int> together, IReadOnlyDictionary<Guid, int> orders,
        Func<Guid, bool> allowed, int take) =>
        together.Where(t => t.Key != item && allowed(t.Key))
            .Select(t => new Recommendation(t.Key, t.Value / Math.Sqrt(Norm(orders, item) * Norm(orders, t.Key)), "similar"))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Id)
            .Take(take)
            .ToList();

    private static double Norm(IReadOnlyDictionary<Guid, int> counts, Guid thing) => Math.Max(1, counts.GetValueOrDefault(thing));

    private static List<Recommendation> Fill(List<Recommendation> scored, IReadOnlyList<Guid> popular, Func<Guid, bool> allowed, int take, HashSet<Guid> exclude)
    {
        var rank = 0;
        foreach (var id in popular)
        {
            rank++;
            if (scored.Count >= take)
            {
                break;
            }

            if (!exclude.Contains(id) && allowed(id) && scored.All(r => r.Id != id))
            {
                scored.Add(new Recommendation(id, 1.0 / (rank + 1) / 100, "popular"));
            }
        }

        return scored;
    }
}
