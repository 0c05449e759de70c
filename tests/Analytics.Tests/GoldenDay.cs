using Brigade.Contracts;
using Brigade.Contracts.Inventory;
using Brigade.Contracts.Ordering;
using Brigade.Contracts.Payments;
using Brigade.Contracts.Reservations;
using Brigade.Contracts.Staff;

namespace Brigade.Analytics.Tests;

/// <summary>
/// A small fixed stream of one restaurant's Friday, 2026-11-20 (Seoul), whose numbers are worked out by hand below.
/// <list type="bullet">
/// <item>Orders closed: 12:10 dine-in 2 covers 23,000 (김치찌개 9,000×2, 소주 5,000); 18:05 takeout 9,000 (김치찌개);
/// 19:30 dine-in 4 covers 75,000 (삼겹살 15,000×4, 소주 5,000×3); 00:40 on Saturday, dine-in 2 covers 30,000 (삼겹살×2) — before
/// 05:00, so Friday's service, hour 0. One order cancelled (never counted). Gross 137,000 from 4 orders, 8 covers.</item>
/// <item>A 15,000 refund on the 19:30 order at 21:00: net 122,000. Average check 122,000 / 8 = 15,250; per order 30,500.</item>
/// <item>Payments: the four orders (the 00:40 one paid at 01:10 Saturday, still Friday's service) and a 10,000 no-show fee: 147,000.</item>
/// <item>Reservations: 19:00 for 4 completed; 20:00 for 2 no-show; 18:00 for 3 cancelled; Saturday 00:30 for 2 with service date
/// Friday, completed; 21:00 for 2 still confirmed. 5 bookings, 1 cancelled (20.0%), 1 no-show of the 4 not cancelled (25.0%),
/// 10 booked covers.</item>
/// <item>Labour: 10:00–16:00 (360 min, 30,000) and 17:00–01:00 (480 min, 31,000): 840 min, 61,000 = 50.0% of net.</item>
/// <item>Food cost: sale −20,000, waste −3,000, a reversed sale +1,500, a 02:00 Saturday sale −1,000 (Friday's service);
/// the receipt of +100,000 is not a cost: 22,500 = 18.4% of net.</item>
/// <item>Item mix: 삼겹살 6 for 90,000 (65.7% of 137,000), 김치찌개 3 for 27,000, 소주 4 for 20,000.</item>
/// </list>
/// </summary>
public static class GoldenDay
{
    public const string Date = "2026-11-20";

    public static readonly Guid Samgyeopsal = Guid.CreateVersion7();
    public static readonly Guid Kimchijjigae = Guid.CreateVersion7();
    public static readonly Guid Soju = Guid.CreateVersion7();

    public static DateTimeOffset Kst(string local) => DateTimeOffset.Parse(local + ":00+09:00", System.Globalization.CultureInfo.InvariantCulture);

    public static OrderLine Line(Guid item, string name, int quantity, long unitPrice) =>
        new(Guid.CreateVersion7(), item, name, name == "소주" ? "drinks" : "mains", quantity, unitPrice, unitPrice * quantity, [], "grill");

    public static OrderClosed Closed(Guid restaurantId, string placed, string closed, string channel, int? covers, params OrderLine[] lines)
    {
        var total = lines.Sum(l => l.LineTotal);
        return new OrderClosed(Guid.CreateVersion7(), restaurantId, null, new OrderSource(channel, null, null, null, covers), lines, total, total, total, "KRW",
            Kst(placed), Kst(closed));
    }

    public static PaymentCompleted Paid(Guid restaurantId, string kind, Guid reference, long amount, string at) =>
        new(Guid.CreateVersion7(), new PaymentPurpose(kind, reference), restaurantId, null, amount, "KRW", "card", Kst(at));

    public static IIntegrationEvent[] Events(Guid r)
    {
        var lunch = Closed(r, "2026-11-20T12:10", "2026-11-20T13:00", "dine_in", 2, Line(Kimchijjigae, "김치찌개", 2, 9_000), Line(Soju, "소주", 1, 5_000));
        var takeout = Closed(r, "2026-11-20T18:05", "2026-11-20T18:20", "takeout", null, Line(Kimchijjigae, "김치찌개", 1, 9_000));
        var dinner = Closed(r, "2026-11-20T19:30", "2026-11-20T21:30", "dine_in", 4, Line(Samgyeopsal, "삼겹살", 4, 15_000), Line(Soju, "소주", 3, 5_000));
        var late = Closed(r, "2026-11-21T00:40", "2026-11-21T01:10", "dine_in", 2, Line(Samgyeopsal, "삼겹살", 2, 15_000));
        var dinnerPayment = Paid(r, "order", dinner.OrderId, 75_000, "2026-11-20T21:30");
        var cancelledId = Guid.CreateVersion7();

        var (a, b, c, d, e) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        ReservationConfirmed Confirmed(Guid id, string start, int party, string? serviceDate = null) =>
            new(id, r, null, Kst(start), Kst(start).AddHours(2), party, [], Kst("2026-11-18T10:00"), "Asia/Seoul", serviceDate);

        return
        [
            lunch, takeout, dinner, late,
            new OrderCancelled(cancelledId, r, null, [Line(Soju, "소주", 10, 5_000)], false, "diner", "changed mind", 0, "KRW", Kst("2026-11-20T14:00")),
            Paid(r, "order", lunch.OrderId, 23_000, "2026-11-20T13:00"),
            Paid(r, "order", takeout.OrderId, 9_000, "2026-11-20T18:20"),
            dinnerPayment,
            Paid(r, "order", late.OrderId, 30_000, "2026-11-21T01:10"),
            Paid(r, "no_show_fee", b, 10_000, "2026-11-20T20:30"),
            new PaymentRefunded(dinnerPayment.PaymentId, Guid.CreateVersion7(), dinnerPayment.Purpose, r, null, 15_000, 15_000, "KRW", "comped drinks", Kst("2026-11-20T21:00")),
            Confirmed(a, "2026-11-20T19:00", 4),
            new ReservationCompleted(a, r, null, Kst("2026-11-20T21:00")),
            Confirmed(b, "2026-11-20T20:00", 2),
            new ReservationNoShow(b, r, null, Kst("2026-11-20T20:00"), 10_000, "KRW", Kst("2026-11-20T20:20")),
            Confirmed(c, "2026-11-20T18:00", 3),
            new ReservationCancelled(c, r, null, Kst("2026-11-20T18:00"), "diner", 100, Kst("2026-11-19T09:00")),
            Confirmed(d, "2026-11-21T00:30", 2, Date),
            new ReservationCompleted(d, r, null, Kst("2026-11-21T02:00")),
            Confirmed(e, "2026-11-20T21:00", 2),
            new TimecardApproved(Guid.CreateVersion7(), r, Guid.CreateVersion7(), null, Kst("2026-11-20T10:00"), Kst("2026-11-20T16:00"), 0, 360, 30_000, "KRW", Kst("2026-11-21T09:00")),
            new TimecardApproved(Guid.CreateVersion7(), r, Guid.CreateVersion7(), null, Kst("2026-11-20T17:00"), Kst("2026-11-21T01:00"), 0, 480, 31_000, "KRW", Kst("2026-11-21T09:00")),
            Moved(r, "sale", -2_000, -20_000, "2026-11-20T19:35"),
            Moved(r, "waste", -1, -3_000, "2026-11-20T22:00"),
            Moved(r, "sale_reversed", 0.5m, 1_500, "2026-11-20T19:40"),
            Moved(r, "sale", -100, -1_000, "2026-11-21T02:00"),
            Moved(r, "receipt", 10_000, 100_000, "2026-11-20T09:00"),
        ];
    }

    public static StockMoved Moved(Guid r, string kind, decimal quantity, long cost, string at) =>
        new(Guid.CreateVersion7(), r, Guid.CreateVersion7(), kind, quantity, "g", cost, "KRW", null, Kst(at));
}
