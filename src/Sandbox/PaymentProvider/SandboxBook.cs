using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Brigade.Sandbox.PaymentProvider;

/// <summary>An answer the sandbox gives: an HTTP status and a JSON body (a payment, a payout or a Toss-style error).</summary>
public sealed record Answer(int Status, object Body)
{
    public static Answer Error(int status, string code, string message) => new(status, new ErrorBody(code, message));
}

/// <summary>Toss Payments' error shape.</summary>
public sealed record ErrorBody(string Code, string Message);

public sealed record CardInfo(string Number, string IssuerCode, string ApproveNo, string CardType);

public sealed record CancelInfo(long CancelAmount, string CancelReason, DateTimeOffset CanceledAt, string TransactionKey);

/// <summary>A payment as the Toss API shows it (the members a merchant reads).</summary>
public sealed record PaymentView(
    string MId,
    string PaymentKey,
    string OrderId,
    string OrderName,
    string Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ApprovedAt,
    long TotalAmount,
    long BalanceAmount,
    string Currency,
    string Method,
    CardInfo Card,
    IReadOnlyList<CancelInfo> Cancels,
    string LastTransactionKey);

public sealed record PayoutView(
    string PayoutKey,
    string RefPayoutId,
    string Status,
    long Amount,
    string BankCode,
    string AccountNumber,
    string HolderName,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt,
    ErrorBody? Failure);

/// <summary>What the sandbox holds in total: what a merchant's settlement report from the PG would say.</summary>
public sealed record SandboxTotals(long Approved, long Cancelled, long PaidOut, int Payments, int Payouts);

/// <summary>
/// The sandbox PG's books, in memory (a restart forgets them, as a sandbox may). Payments move
/// <c>IN_PROGRESS</c> (authorised by key-in) → <c>DONE</c> (confirmed) → <c>PARTIAL_CANCELED</c>/<c>CANCELED</c>, or
/// <c>ABORTED</c> when the card was refused; an <c>IN_PROGRESS</c> payment cancelled is voided (<c>CANCELED</c>, nothing captured).
/// Every POST honours an <c>Idempotency-Key</c>: a repeat gets the first answer, and a repeat while the first is still
/// running waits for it.
/// </summary>
public sealed partial class SandboxBook(SandboxOptions options, WebhookSender webhooks, TimeProvider clock)
{
    private const string MerchantId = "tbrigade";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Payment> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Payment> _byOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Payout> _payouts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<Answer>> _idempotent = new(StringComparer.Ordinal);

    public sealed record KeyIn(long? Amount, string? OrderId, string? OrderName, string? CardNumber, string? CardExpirationYear, string? CardExpirationMonth, string? Cvc);

    public sealed record Confirm(string? PaymentKey, string? OrderId, long? Amount);

    public sealed record Cancel(string? CancelReason, long? CancelAmount);

    public sealed record PayoutRequest(string? RefPayoutId, long? Amount, string? BankCode, string? AccountNumber, string? HolderName);

    private sealed class Payment
    {
        public required string PaymentKey { get; init; }
        public required string OrderId { get; init; }
        public required string OrderName { get; init; }
        public required long Total { get; init; }
        public required string MaskedCard { get; init; }
        public required Behaviour Behaviour { get; init; }
        public required DateTimeOffset RequestedAt { get; init; }
        public string Status { get; set; } = "IN_PROGRESS";
        public long Balance { get; set; }
        public DateTimeOffset? ApprovedAt { get; set; }
        public string ApproveNo { get; set; } = "";
        public List<CancelInfo> Cancels { get; } = [];
        public string LastTransactionKey { get; set; } = "";
        public Task<Answer>? Confirming { get; set; }
    }

    private sealed class Payout
    {
        public required PayoutView View { get; set; }
    }

    /// <summary>Runs <paramref name="work"/> once per idempotency key and route; repeats get (or wait for) the same answer.</summary>
    public async Task<Answer> IdempotentAsync(string? key, string route, Func<Task<Answer>> work)
    {
        if (string.IsNullOrEmpty(key))
        {
            return await work();
        }

        var slot = route + "|" + key;
        var task = _idempotent.GetOrAdd(slot, _ => Task.Run(work));
        var answer = await task;
        if (answer.Status >= 500)
        {
            _idempotent.TryRemove(new KeyValuePair<string, Task<Answer>>(slot, task)); // a failure may be retried
        }

        return answer;
    }

    public Answer Authorize(KeyIn r)
    {
        if (r.Amount is not > 0 || !ValidOrderId(r.OrderId) || string.IsNullOrWhiteSpace(r.OrderName))
        {
            return Answer.Error(400, "INVALID_REQUEST", "amount (> 0), orderId (6-64 of A-Z a-z 0-9 - _) and orderName are required.");
        }

        var digits = new string((r.CardNumber ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is < 12 or > 19 || !TestCards.Luhn(digits))
        {
            return Answer.Error(400, "INVALID_CARD_NUMBER", "The card number is not valid.");
        }

        if (!ExpiryValid(r.CardExpirationYear, r.CardExpirationMonth))
        {
            return Answer.Error(400, "INVALID_CARD_EXPIRATION", "The card has expired or its expiry is not valid.");
        }

        if (TestCards.Of(digits) is not { } behaviour)
        {
            return Answer.Error(400, "INVALID_CARD_NUMBER", "The sandbox accepts test cards only.");
        }

        var now = clock.GetUtcNow();
        var payment = new Payment
        {
            PaymentKey = "tsbx_" + Guid.NewGuid().ToString("N"),
            OrderId = r.OrderId!,
            OrderName = r.OrderName!.Trim(),
            Total = r.Amount.Value,
            MaskedCard = TestCards.Mask(digits),
            Behaviour = behaviour,
            RequestedAt = now,
            Balance = r.Amount.Value,
            LastTransactionKey = Guid.NewGuid().ToString("N"),
        };
        lock (_gate)
        {
            if (_byOrder.ContainsKey(payment.OrderId))
            {
                return Answer.Error(400, "DUPLICATED_ORDER_ID", "A payment with this orderId already exists.");
            }

            if (behaviour is Behaviour.Decline or Behaviour.LostOrStolen)
            {
                payment.Status = "ABORTED";
            }

            _byKey[payment.PaymentKey] = payment;
            _byOrder[payment.OrderId] = payment;
        }

        return behaviour switch
        {
            Behaviour.Decline => Answer.Error(403, "REJECT_CARD_COMPANY", "The card company refused the payment."),
            Behaviour.LostOrStolen => Answer.Error(403, "INVALID_CARD_LOST_OR_STOLEN", "The card is reported lost or stolen."),
            _ => new Answer(200, View(payment)),
        };
    }

    public Task<Answer> ConfirmAsync(Confirm r)
    {
        Payment? payment;
        lock (_gate)
        {
            payment = r.PaymentKey is null ? null : _byKey.GetValueOrDefault(r.PaymentKey);
            if (payment is null || payment.OrderId != r.OrderId)
            {
                return Task.FromResult(Answer.Error(404, "NOT_FOUND_PAYMENT", "No payment with this paymentKey and orderId."));
            }

            if (r.Amount != payment.Total)
            {
                return Task.FromResult(Answer.Error(400, "INVALID_REQUEST", "amount does not match the authorised amount."));
            }

            if (payment.Confirming is { IsCompleted: false } running)
            {
                return running; // a repeat while the first confirmation is under way gets its answer
            }

            if (payment.Status != "IN_PROGRESS")
            {
                return Task.FromResult(Answer.Error(400, "ALREADY_PROCESSED_PAYMENT", "The payment was already processed."));
            }

            if (payment.Behaviour == Behaviour.ProviderError)
            {
                return Task.FromResult(Answer.Error(500, "FAILED_INTERNAL_SYSTEM_PROCESSING", "The PG could not process the request; nothing was captured."));
            }

            payment.Confirming = CaptureAsync(payment);
            return payment.Confirming;
        }
    }

    private async Task<Answer> CaptureAsync(Payment payment)
    {
        if (payment.Behaviour == Behaviour.SlowConfirm)
        {
            // Independent of the caller: a confirmation that took too long still goes through.
            await Task.Delay(options.SlowDelay, clock);
        }

        PaymentView view;
        lock (_gate)
        {
            payment.Status = "DONE";
            payment.ApprovedAt = clock.GetUtcNow();
            payment.ApproveNo = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            payment.LastTransactionKey = Guid.NewGuid().ToString("N");
            view = View(payment);
        }

        Notify(payment, view);
        return new Answer(200, view);
    }

    public Answer CancelPayment(string paymentKey, Cancel r)
    {
        PaymentView view;
        Payment? payment;
        lock (_gate)
        {
            payment = _byKey.GetValueOrDefault(paymentKey);
            if (payment is null)
            {
                return Answer.Error(404, "NOT_FOUND_PAYMENT", "No payment with this paymentKey.");
            }

            if (string.IsNullOrWhiteSpace(r.CancelReason))
            {
                return Answer.Error(400, "INVALID_REQUEST", "cancelReason is required.");
            }

            switch (payment.Status)
            {
                case "IN_PROGRESS" when payment.Confirming is null:
                    if (r.CancelAmount is { } partial && partial != payment.Total)
                    {
                        return Answer.Error(403, "NOT_CANCELABLE_AMOUNT", "An authorisation is voided whole.");
                    }

                    payment.Status = "CANCELED";
                    payment.Balance = 0;
                    break;
                case "DONE" or "PARTIAL_CANCELED":
                    var amount = r.CancelAmount ?? payment.Balance;
                    if (amount <= 0 || amount > payment.Balance)
                    {
                        return Answer.Error(403, "NOT_CANCELABLE_AMOUNT", $"At most {payment.Balance} can be cancelled.");
                    }

                    payment.Balance -= amount;
                    payment.Status = payment.Balance == 0 ? "CANCELED" : "PARTIAL_CANCELED";
                    payment.Cancels.Add(new CancelInfo(amount, r.CancelReason.Trim(), clock.GetUtcNow(), Guid.NewGuid().ToString("N")));
                    break;
                case "CANCELED":
                    return Answer.Error(400, "ALREADY_CANCELED_PAYMENT", "The payment is already cancelled.");
                default:
                    return Answer.Error(403, "NOT_CANCELABLE_PAYMENT", $"A payment that is {payment.Status} cannot be cancelled.");
            }

            payment.LastTransactionKey = Guid.NewGuid().ToString("N");
            view = View(payment);
        }

        Notify(payment, view);
        return new Answer(200, view);
    }

    public Answer Find(string? paymentKey, string? orderId)
    {
        lock (_gate)
        {
            var payment = paymentKey is not null ? _byKey.GetValueOrDefault(paymentKey) : _byOrder.GetValueOrDefault(orderId ?? "");
            return payment is null ? Answer.Error(404, "NOT_FOUND_PAYMENT", "No such payment.") : new Answer(200, View(payment));
        }
    }

    public async Task<Answer> PayOutAsync(PayoutRequest r)
    {
        var account = new string((r.AccountNumber ?? "").Where(char.IsAsciiDigit).ToArray());
        if (!ValidOrderId(r.RefPayoutId) || r.Amount is not > 0 || r.BankCode is not { Length: >= 2 and <= 3 } || !r.BankCode.All(char.IsAsciiDigit)
            || account.Length is < 8 or > 16 || string.IsNullOrWhiteSpace(r.HolderName))
        {
            return Answer.Error(400, "INVALID_REQUEST", "refPayoutId, amount (> 0), bankCode (2-3 digits), accountNumber (8-16 digits) and holderName are required.");
        }

        lock (_gate)
        {
            if (_payouts.TryGetValue(r.RefPayoutId!, out var known))
            {
                return new Answer(200, known.View);
            }
        }

        if (account.EndsWith("1119", StringComparison.Ordinal))
        {
            await Task.Delay(options.SlowDelay, clock);
        }

        var now = clock.GetUtcNow();
        var failed = account.EndsWith("0000", StringComparison.Ordinal);
        var view = new PayoutView(
            "tpo_" + Guid.NewGuid().ToString("N"), r.RefPayoutId!, failed ? "FAILED" : "COMPLETED", r.Amount.Value, r.BankCode,
            new string('*', account.Length - 4) + account[^4..], r.HolderName!.Trim(), now, failed ? null : now,
            failed ? new ErrorBody("INVALID_ACCOUNT_NUMBER", "The bank refused the account number.") : null);
        lock (_gate)
        {
            if (_payouts.TryGetValue(r.RefPayoutId!, out var raced))
            {
                return new Answer(200, raced.View);
            }

            _payouts[r.RefPayoutId!] = new Payout { View = view };
        }

        webhooks.Enqueue("PAYOUT_STATUS_CHANGED", view, copies: 1, r.RefPayoutId!);
        return new Answer(200, view);
    }

    public Answer FindPayout(string refPayoutId)
    {
        lock (_gate)
        {
            return _payouts.TryGetValue(refPayoutId, out var payout) ? new Answer(200, payout.View) : Answer.Error(404, "NOT_FOUND_PAYOUT", "No such payout.");
        }
    }

    public SandboxTotals Totals()
    {
        lock (_gate)
        {
            var captured = _byKey.Values.Where(p => p.ApprovedAt is not null).ToList();
            return new SandboxTotals(
                captured.Sum(p => p.Total),
                captured.Sum(p => p.Cancels.Sum(c => c.CancelAmount)),
                _payouts.Values.Where(p => p.View.Status == "COMPLETED").Sum(p => p.View.Amount),
                _byKey.Count,
                _payouts.Count);
        }
    }

    private void Notify(Payment payment, PaymentView view) =>
        webhooks.Enqueue("PAYMENT_STATUS_CHANGED", view,
            copies: payment.Behaviour switch { Behaviour.DuplicateNotifications => 3, Behaviour.SlowConfirm => 2, _ => 1 },
            payment.OrderId);

    private PaymentView View(Payment p) => new(
        MerchantId, p.PaymentKey, p.OrderId, p.OrderName, p.Status, p.RequestedAt, p.ApprovedAt, p.Total, p.Balance, "KRW", "카드",
        new CardInfo(p.MaskedCard, "4V", p.ApproveNo, "신용"), [.. p.Cancels], p.LastTransactionKey);

    private bool ExpiryValid(string? year, string? month)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12)
        {
            return false;
        }

        y = y < 100 ? 2000 + y : y;
        var now = clock.GetUtcNow();
        return y > now.Year || (y == now.Year && m >= now.Month);
    }

    private static bool ValidOrderId(string? id) => id is not null && OrderIdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{6,64}$")]
    private static partial Regex OrderIdPattern();
}
