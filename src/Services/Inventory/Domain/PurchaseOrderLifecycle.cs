namespace Brigade.Inventory.Domain;

/// <summary>
/// A purchase order: <c>draft</c> (a suggestion waiting for a manager) → <c>sent</c> → <c>partially_received</c> →
/// <c>received</c>; a draft or a sent order with nothing received can be <c>cancelled</c>.
/// </summary>
public static class PurchaseOrderLifecycle
{
    public const string Draft = "draft";
    public const string Sent = "sent";
    public const string PartiallyReceived = "partially_received";
    public const string Received = "received";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Draft, Sent, PartiallyReceived, Received, Cancelled];

    /// <summary>Open orders count as stock on the way when filling to par.</summary>
    public static readonly string[] Open = [Draft, Sent, PartiallyReceived];

    public static bool CanSend(string status) => status == Draft;

    public static bool CanCancel(string status) => status is Draft or Sent;

    public static bool CanReceive(string status) => status is Sent or PartiallyReceived;

    /// <summary>After a delivery: received when every line has all it ordered, else partially received.</summary>
    public static string AfterReceipt(IEnumerable<(decimal Ordered, decimal Received)> lines) =>
        lines.All(l => l.Received >= l.Ordered) ? Received : PartiallyReceived;
}

/// <summary>Why stock was thrown away.</summary>
public static class WasteReasons
{
    public static readonly string[] All = ["spoiled", "expired", "dropped", "overproduction", "returned", "other"];
}
