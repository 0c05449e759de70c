namespace Brigade.Inventory.Domain;

/// <summary>Where one stock item stands: on hand, already on order, how it is bought and how long its supplier takes.</summary>
public sealed record StockPosition(Guid StockItemId, decimal OnHand, decimal OnOrder, decimal PackSize, int LeadTimeDays);

/// <summary>What an item needs over the days a purchase order must cover, and the whole packs to order for it.</summary>
public sealed record ForecastNeed(Guid StockItemId, int CoverDays, decimal Usage, decimal SafetyStock, decimal Short, int Packs);

/// <summary>
/// Purchase planning from the forecast (the periodic-review, order-up-to policy): an order placed today arrives after
/// the supplier's lead time and must last until the next review, so it covers <c>lead time + review days</c> of forecast
/// usage (usage = each day's expected dishes × their recipes), plus safety stock of <c>safety days</c> × the average daily
/// usage, less what is on hand and already on order. Whole packs, rounded up; nothing when that is not positive. Days
/// beyond the forecast's horizon are not guessed: the cover is cut to the days forecast.
/// </summary>
public static class ForecastOrdering
{
    public static IReadOnlyList<ForecastNeed> Suggest(
        IReadOnlyList<IReadOnlyDictionary<Guid, decimal>> dishesPerDay, ILookup<Guid, RecipeLine> recipes, IEnumerable<StockPosition> positions,
        int reviewDays, int safetyDays)
    {
        // Usage per stock item and day: every dish expected that day times what its recipe takes.
        var usage = new Dictionary<Guid, decimal[]>();
        for (var day = 0; day < dishesPerDay.Count; day++)
        {
            foreach (var (dish, portions) in dishesPerDay[day])
            {
                foreach (var line in recipes[dish])
                {
                    if (!usage.TryGetValue(line.StockItemId, out var days))
                    {
                        usage[line.StockItemId] = days = new decimal[dishesPerDay.Count];
                    }

                    days[day] += portions * line.Quantity;
                }
            }
        }

        var result = new List<ForecastNeed>();
        foreach (var p in positions)
        {
            if (!usage.TryGetValue(p.StockItemId, out var days) || days.Length == 0)
            {
                continue;
            }

            var cover = Math.Min(p.LeadTimeDays + reviewDays, days.Length);
            var used = decimal.Round(days.Take(cover).Sum(), 3);
            var safety = decimal.Round(safetyDays * days.Average(), 3);
            var shortBy = used + safety - p.OnHand - p.OnOrder;
            var packs = shortBy > 0 && p.PackSize > 0 ? (int)Math.Ceiling(shortBy / p.PackSize) : 0;
            result.Add(new ForecastNeed(p.StockItemId, cover, used, safety, decimal.Round(Math.Max(shortBy, 0), 3), packs));
        }

        return result;
    }
}
