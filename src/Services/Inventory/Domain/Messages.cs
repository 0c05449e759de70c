using System.Globalization;

namespace Brigade.Inventory.Domain;

/// <summary>What the restaurant's managers are told, in Korean and English, with the web-app page it is about.</summary>
public sealed record Message(string Type, string Title, string Body, string TitleEn, string BodyEn, string Link);

public static class Messages
{
    public static Message StockLow(Guid restaurantId, string name, decimal onHand, decimal reorderPoint, string unit) => new(
        "inventory.stock.low",
        $"재고 부족: {name}",
        $"{name}의 재고가 {Amount(onHand)}{unit}로 재주문점({Amount(reorderPoint)}{unit}) 이하입니다.",
        $"Low stock: {name}",
        $"{name} is down to {Amount(onHand)} {unit}, at or below its re-order point of {Amount(reorderPoint)} {unit}.",
        $"/manage/{restaurantId}/inventory");

    public static Message Depleted(Guid restaurantId, string name, int dishes) => new(
        "inventory.item.depleted",
        $"재고 소진: {name}",
        dishes > 0 ? $"{name}이(가) 떨어져 메뉴 {dishes}개를 만들 수 없습니다." : $"{name}이(가) 떨어졌습니다.",
        $"Out of stock: {name}",
        dishes > 0 ? $"{name} ran out; {dishes} menu item(s) cannot be made until it is received." : $"{name} ran out.",
        $"/manage/{restaurantId}/inventory");

    public static Message PurchaseOrderDrafted(Guid restaurantId, Guid purchaseOrderId, string supplier) => new(
        "inventory.purchase_order.drafted",
        $"발주서 초안: {supplier}",
        $"재주문점에 도달한 품목이 있어 {supplier} 발주서 초안을 만들었습니다. 확인 후 발송해 주세요.",
        $"Purchase order drafted: {supplier}",
        $"An item reached its re-order point; a draft purchase order to {supplier} waits for your approval.",
        $"/manage/{restaurantId}/inventory/purchase-orders/{purchaseOrderId}");

    public static Message Expiring(Guid restaurantId, string name, string expiresOn, decimal onHand, string unit) => new(
        "inventory.stock.expiring",
        $"유통기한 임박: {name}",
        $"{name} {Amount(onHand)}{unit}의 유통기한이 {expiresOn}입니다. 먼저 사용하거나 폐기를 기록해 주세요.",
        $"Expiring: {name}",
        $"{Amount(onHand)} {unit} of {name} expires on {expiresOn}; use it first or log it as waste.",
        $"/manage/{restaurantId}/inventory");

    private static string Amount(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>A purchase order as the supplier reads it: Korean first, English below, one line per item.</summary>
public static class SupplierMail
{
    public sealed record Line(string Name, decimal Quantity, string Unit, long UnitCost);

    public static (string Subject, string Body) Compose(Guid purchaseOrderId, string supplierName, IReadOnlyList<Line> lines, long total, string currency, DateTimeOffset expectedAt, string zoneId)
    {
        var number = purchaseOrderId.ToString("N")[..8].ToUpperInvariant();
        var expected = Brigade.Api.RestaurantTime.Local(expectedAt, zoneId).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = string.Join("\n", lines.Select(l =>
            $"- {l.Name}: {l.Quantity.ToString("0.###", CultureInfo.InvariantCulture)} {l.Unit} × {Money(l.UnitCost, currency)}"));
        var body = $"""
            {supplierName} 담당자님,

            아래와 같이 발주합니다. 발주번호 {number}, 납품 희망일 {expected}.

            {rows}

            합계: {Money(total, currency)}

            ---
            Purchase order {number} to {supplierName}, wanted by {expected}:

            {rows}

            Total: {Money(total, currency)}
            """;
        return ($"[Brigade] 발주서 {number} / Purchase order {number}", body);
    }

    private static string Money(long amount, string currency) => $"{amount.ToString("N0", CultureInfo.InvariantCulture)} {currency}";
}
