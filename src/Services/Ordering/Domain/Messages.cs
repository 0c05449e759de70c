namespace Brigade.Ordering.Domain;

/// <summary>A message for people, in Korean and English, and the web app's page it links to.</summary>
public sealed record Message(string Type, string Title, string Body, string TitleEn, string BodyEn, string Link);

/// <summary>What ordering tells people (through the notifications service).</summary>
public static class Messages
{
    public static string ChannelKo(string channel) => channel switch
    {
        Channel.DineIn => "매장",
        Channel.Takeout => "포장",
        _ => "배달",
    };

    public static string ChannelEn(string channel) => channel switch
    {
        Channel.DineIn => "dine-in",
        Channel.Takeout => "takeout",
        _ => "delivery",
    };

    /// <summary>To the restaurant's people: a diner placed an order (QR table, takeout or delivery).</summary>
    public static Message NewOrder(Guid restaurantId, string channel, string? tableLabel, int items, long total, string currency)
    {
        var where = tableLabel is null ? "" : " " + tableLabel;
        return new Message(
            "ordering.order.placed",
            $"새 주문 · {ChannelKo(channel)}{where}",
            $"{items}개 품목, {Pricing.Format(total, currency)}",
            $"New order · {ChannelEn(channel)}{where}",
            $"{items} item(s), {Pricing.Format(total, currency)}",
            $"/manage/{restaurantId}/orders");
    }

    /// <summary>To the diner: a takeout or delivery order is ready at the pass.</summary>
    public static Message ReadyForPickUp(string restaurantName, Guid orderId, string channel) => new(
        "ordering.order.ready",
        channel == Channel.Delivery ? "주문하신 음식이 준비되어 곧 출발합니다" : "주문하신 음식이 준비되었습니다",
        channel == Channel.Delivery ? $"{restaurantName}에서 배달을 준비했습니다." : $"{restaurantName}에서 픽업해 주세요.",
        channel == Channel.Delivery ? "Your order is ready and leaves soon" : "Your order is ready for pick-up",
        channel == Channel.Delivery ? $"{restaurantName} has your delivery ready." : $"Pick it up at {restaurantName}.",
        $"/orders/{orderId}");

    /// <summary>To the diner: the restaurant cancelled or voided the order.</summary>
    public static Message CancelledByRestaurant(string restaurantName, Guid orderId, long refundDue, string currency) => new(
        "ordering.order.cancelled",
        "주문이 취소되었습니다",
        refundDue > 0 ? $"{restaurantName}에서 주문을 취소했습니다. {Pricing.Format(refundDue, currency)}이 환불됩니다." : $"{restaurantName}에서 주문을 취소했습니다.",
        "Your order was cancelled",
        refundDue > 0 ? $"{restaurantName} cancelled your order; {Pricing.Format(refundDue, currency)} will be refunded." : $"{restaurantName} cancelled your order.",
        $"/orders/{orderId}");

    /// <summary>To the restaurant's people: the last portions of an item were ordered (86).</summary>
    public static Message SoldOut(Guid restaurantId, string itemName) => new(
        "ordering.item.sold_out",
        $"품절: {itemName}",
        $"{itemName}의 남은 수량이 모두 주문되어 더 이상 주문을 받지 않습니다.",
        $"86: {itemName}",
        $"The last portions of {itemName} were ordered; it is off the menu until stock comes back.",
        $"/manage/{restaurantId}/kitchen");
}
