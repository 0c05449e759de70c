using System.Globalization;

namespace Brigade.Payments.Domain;

/// <summary>What a person is told, in Korean and English, with the web app page it links to.</summary>
public sealed record Notice(string Type, string Title, string Body, string TitleEn, string BodyEn, string? Link);

public static class Notices
{
    public static Notice Receipt(long amount, string currency, string? last4, string purposeKind, Guid referenceId)
    {
        var card = last4 is null ? "" : $" (카드 ****{last4})";
        var cardEn = last4 is null ? "" : $" (card ****{last4})";
        return new Notice("payments.payment.receipt",
            "결제 완료", $"{Ko(amount, currency)} 결제가 완료되었습니다{card}. {WhatKo(purposeKind)}",
            "Payment received", $"Your payment of {En(amount, currency)}{cardEn} went through. {WhatEn(purposeKind)}",
            LinkFor(purposeKind, referenceId));
    }

    public static Notice Refunded(long amount, string currency, string purposeKind, Guid referenceId) => new(
        "payments.payment.refunded",
        "환불 완료", $"{Ko(amount, currency)}이 결제하신 카드로 환불되었습니다. 카드사에 따라 3~5영업일이 걸릴 수 있습니다.",
        "Refund issued", $"{En(amount, currency)} went back to the card you paid with; your card company may take 3–5 business days.",
        LinkFor(purposeKind, referenceId));

    public static Notice PayoutCompleted(long amount, long fee, string currency, bool restaurant) => new(
        "payments.payout.completed",
        "출금 완료", $"{Ko(amount, currency)}이 등록하신 계좌로 입금되었습니다{(fee > 0 ? $" (수수료 {Ko(fee, currency)})" : "")}.",
        "Withdrawal paid", $"{En(amount, currency)} reached your bank account{(fee > 0 ? $" (fee {En(fee, currency)})" : "")}.",
        restaurant ? null : "/wallet");

    public static Notice PayoutFailed(long amount, string currency, bool restaurant) => new(
        "payments.payout.failed",
        "출금 실패", $"{Ko(amount, currency)} 출금이 은행에서 거절되어 지갑으로 돌아왔습니다. 계좌 정보를 확인해 주세요.",
        "Withdrawal refused", $"The bank refused the withdrawal of {En(amount, currency)}; it is back in your wallet. Please check the account details.",
        restaurant ? null : "/wallet");

    public static Notice Settled(long net, string currency, string payeeKind, Guid payeeId) => new(
        "payments.settlement.created",
        "정산 완료", $"이번 정산 금액은 {Ko(net, currency)}입니다. 정산 내역에서 확인하세요.",
        "Settlement ready", $"This period settles at {En(net, currency)}; see the statement for details.",
        payeeKind == Owner.Restaurant ? $"/manage/{payeeId}/settlements" : "/wallet");

    public static Notice ShiftEarned(long net, string currency) => new(
        "payments.shift.earned",
        "근무 급여 적립", $"승인된 근무의 급여 {Ko(net, currency)}이 지갑에 적립 예정입니다(정산 후 출금 가능).",
        "Shift pay on its way", $"{En(net, currency)} from your approved shift will be in your wallet after settlement.",
        "/wallet");

    public static Notice ShiftCompensated(long net, string currency) => new(
        "payments.shift.compensated",
        "근무 취소 보상금 적립", $"가게가 근무를 늦게 취소하여 보상금 {Ko(net, currency)}이 지갑에 적립 예정입니다(정산 후 출금 가능).",
        "Compensation for a cancelled shift", $"The restaurant cancelled your shift late: {En(net, currency)} compensation will be in your wallet after settlement.",
        "/wallet");

    /// <summary>15,000원 / 15,000 USD.</summary>
    public static string Ko(long amount, string currency) =>
        currency == "KRW" ? amount.ToString("N0", CultureInfo.InvariantCulture) + "원" : $"{amount.ToString("N0", CultureInfo.InvariantCulture)} {currency}";

    /// <summary>₩15,000 / 15,000 USD.</summary>
    public static string En(long amount, string currency) =>
        currency == "KRW" ? "₩" + amount.ToString("N0", CultureInfo.InvariantCulture) : $"{amount.ToString("N0", CultureInfo.InvariantCulture)} {currency}";

    private static string WhatKo(string kind) => kind switch
    {
        "reservation_deposit" => "예약금이 확인되면 예약이 확정됩니다.",
        "order" => "주문 결제가 완료되었습니다.",
        _ => "",
    };

    private static string WhatEn(string kind) => kind switch
    {
        "reservation_deposit" => "Your booking is confirmed once the deposit is recorded.",
        "order" => "Your order is paid.",
        _ => "",
    };

    private static string? LinkFor(string kind, Guid referenceId) => kind switch
    {
        "reservation_deposit" => "/reservations",
        "order" => $"/pay?orderId={referenceId}",
        _ => null,
    };
}
