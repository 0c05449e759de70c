using Brigade.Api;
using Brigade.Data;
using Brigade.Payments.Data;
using Brigade.Payments.Domain;
using Brigade.Payments.Jobs;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Payments.Api;

/// <summary>Card details as the seed sends them: <c>{ number, expiry: "MM/YY", cvv }</c>. Only handed to the provider.</summary>
public sealed record CardBody(string? Number, string? Expiry, string? Cvv, string? HolderName);

/// <summary>Pay an order or a deposit at once (the seed's call): <c>{ orderId | reservationId, amount, paymentMethod, cardDetails }</c>.</summary>
public sealed record PayBody(Guid? OrderId, Guid? ReservationId, long? Amount, string? Currency, string? PaymentMethod, CardBody? CardDetails, string? CaptureMethod);

/// <summary>Start a payment to confirm later (the job platform's <c>/create</c>).</summary>
public sealed record CreatePaymentBody(Guid? OrderId, Guid? ReservationId, long? Amount, string? Currency, string? PaymentMethod, string? CaptureMethod);

/// <summary>
/// Confirm a created payment (<c>/confirm</c>): with the card (<c>cardDetails</c>), or Toss-style with the <c>paymentKey</c> the
/// provider's payment window returned, <c>orderId</c> (the provider's name for our <c>paymentId</c>) and <c>amount</c>.
/// </summary>
public sealed record ConfirmBody(Guid? PaymentId, Guid? OrderId, string? PaymentKey, long? Amount, CardBody? CardDetails);

/// <summary>Cancel a payment (<c>/cancel</c>): voids one not captured yet; refunds <c>cancelAmount</c> (default: all that is left) of a captured one.</summary>
public sealed record CancelBody(Guid? PaymentId, string? CancelReason, long? CancelAmount);

public sealed record RefundBody(long? Amount, string? Reason);

public static class PaymentsApi
{
    public const string Tag = "Payments";

    private static readonly string[] CaptureMethods = ["automatic", "manual"];
    private static readonly string[] CardMethods = ["card", "credit_card", "debit_card", "check_card"];

    public static RouteGroupBuilder MapPayments(this RouteGroupBuilder api)
    {
        api.MapPost("/", PayAsync).RequireAuthorization(Policies.User).WithIdempotency(required: true)
            .WithName("Pay").WithSummary("Pay an order or a reservation's deposit with a card, at once: 201 captured, 202 the provider's answer is awaited, 402 declined (Idempotency-Key required)").WithTags(Tag);
        api.MapPost("/create", CreateAsync).RequireAuthorization(Policies.User).WithIdempotency(required: true)
            .WithName("CreatePayment").WithSummary("Start a payment for an order or deposit, to confirm later (Idempotency-Key required)").WithTags(Tag);
        api.MapPost("/confirm", ConfirmAsync).RequireAuthorization(Policies.User).WithIdempotency(required: true)
            .WithName("ConfirmPayment").WithSummary("Confirm a created payment with the card, or with the provider's paymentKey, orderId and amount (Idempotency-Key required)").WithTags(Tag);
        api.MapPost("/cancel", CancelAsync).RequireAuthorization(Policies.User).WithIdempotency(required: true)
            .WithName("CancelPayment").WithSummary("Void a payment not captured yet, or refund a captured one (the restaurant's owner or manager) (Idempotency-Key required)").WithTags(Tag);
        api.MapPost("/{id:guid}/capture", CaptureAsync).RequireAuthorization(Policies.User).WithIdempotency(required: true)
            .WithName("CapturePayment").WithSummary("Capture an authorised payment with manual capture (Idempotency-Key required)").WithTags(Tag);
        api.MapPost("/{id:guid}/refunds", RefundAsync).RequireAuthorization(Policies.User).WithIdempotency(required: true)
            .WithName("RefundPayment").WithSummary("Refund part or all of a captured payment (the restaurant's owner or manager) (Idempotency-Key required)").WithTags(Tag);
        api.MapGet("/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetPayment").WithSummary("One payment with its refunds (its payer, the restaurant's people)").WithTags(Tag);
        api.MapGet("/mine", MineAsync).RequireAuthorization(Policies.User)
            .WithName("MyPayments").WithSummary("The caller's payments, newest first").WithTags(Tag);
        api.MapGet("/due", DueAsync).RequireAuthorization()
            .WithName("AmountDue").WithSummary("What is owed for an order (orderId) or a reservation's deposit (reservationId), and its payment").WithTags(Tag);
        api.MapGet("/", ListAsync).RequireAuthorization()
            .WithName("PaymentsFor").WithSummary("The payments for an order (orderId) or a reservation (reservationId)").WithTags(Tag);
        api.MapPost("/reconcile", ReconcileAsync).RequireAuthorization(Policies.Admin).WithIdempotency(required: true)
            .WithName("ReconcileNow").WithSummary("Ask the provider now about every payment, refund and payout in doubt (admin)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Created<PaymentResponse>, Accepted<PaymentResponse>, ValidationProblem, ProblemHttpResult>> PayAsync(
        PayBody body, [AsParameters] PaymentServices s)
    {
        var errors = new FieldErrors();
        var purpose = PurposeOf(errors, body.OrderId, body.ReservationId);
        var amount = errors.Amount("amount", body.Amount, min: 1);
        var currency = CurrencyOf(errors, body.Currency);
        MethodOf(errors, body.PaymentMethod);
        var capture = errors.OneOf("captureMethod", body.CaptureMethod, CaptureMethods, required: false) ?? "automatic";
        var card = CardOf(errors, body.CardDetails, s.Now, required: true);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (due, refused) = await PayableAsync(s, purpose!.Value, amount!.Value, currency);
        if (refused is not null)
        {
            return refused;
        }

        var (outcome, payment) = await s.Payments.OpenAsync(
            new NewPayment(Guid.CreateVersion7(), due!.Id, s.User.UserId(), amount.Value, due.Currency, "card", capture, PaymentStatus.Authorizing,
                s.Processor.ProviderName, card!.Brand, card.Last4, s.Rules.PaymentFeeBasisPoints), s.Now.ToDateTimeOffset(), s.Ct);
        if (outcome != StartOutcome.Started)
        {
            return Refusal(outcome);
        }

        // From here the money flow finishes even if the caller goes away; the provider's timeout bounds it.
        return Paid(await s.Processor.AuthorizeAsync(payment!, card, CancellationToken.None));
    }

    public static async Task<Results<Created<PaymentResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(CreatePaymentBody body, [AsParameters] PaymentServices s)
    {
        var errors = new FieldErrors();
        var purpose = PurposeOf(errors, body.OrderId, body.ReservationId);
        var amount = errors.Amount("amount", body.Amount, min: 1);
        var currency = CurrencyOf(errors, body.Currency);
        MethodOf(errors, body.PaymentMethod);
        var capture = errors.OneOf("captureMethod", body.CaptureMethod, CaptureMethods, required: false) ?? "automatic";
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (due, refused) = await PayableAsync(s, purpose!.Value, amount!.Value, currency);
        if (refused is not null)
        {
            return refused;
        }

        var (outcome, payment) = await s.Payments.OpenAsync(
            new NewPayment(Guid.CreateVersion7(), due!.Id, s.User.UserId(), amount.Value, due.Currency, "card", capture, PaymentStatus.RequiresConfirmation,
                s.Processor.ProviderName, null, null, s.Rules.PaymentFeeBasisPoints), s.Now.ToDateTimeOffset(), s.Ct);
        return outcome == StartOutcome.Started
            ? TypedResults.Created($"/api/payments/{payment!.Id}", PaymentResponse.From(payment))
            : Refusal(outcome);
    }

    public static async Task<Results<Ok<PaymentResponse>, Accepted<PaymentResponse>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        ConfirmBody body, [AsParameters] PaymentServices s)
    {
        var errors = new FieldErrors();
        var id = errors.RequiredId("paymentId", body.PaymentId ?? body.OrderId);
        var key = errors.OptionalText("paymentKey", body.PaymentKey, 200);
        if (body.Amount is not null)
        {
            errors.Amount("amount", body.Amount, min: 1);
        }

        var card = CardOf(errors, body.CardDetails, s.Now, required: key is null);
        if (key is not null && body.CardDetails is not null)
        {
            errors.Add("cardDetails", "Send either cardDetails or a paymentKey, not both.", "cardDetails와 paymentKey 중 하나만 보내 주세요.");
        }

        if (key is not null && body.Amount is null)
        {
            errors.Add("amount", "amount is required with a paymentKey (the amount the payment window approved).", "paymentKey와 함께 amount(결제창에서 승인된 금액)가 필요합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var payment = await s.Payments.FindAsync(id!.Value, s.Ct);
        if (payment is null || !s.User.CanSee(payment))
        {
            return Problems.NotFound("payment", "결제");
        }

        if (body.Amount is { } amount && amount != payment.Amount)
        {
            // The amount comes back through the browser from the payment window: a changed one is refused before the provider hears of it.
            return Problems.Invalid("amount", $"amount must be the payment's amount ({payment.Amount}).", $"amount는 결제 금액({payment.Amount})과 같아야 합니다.");
        }

        var (outcome, started) = await s.Payments.BeginAsync(payment.Id, key is null ? PaymentStatus.Authorizing : PaymentStatus.Capturing,
            card?.Brand, card?.Last4, key, s.Now.ToDateTimeOffset(), s.Ct);
        if (outcome != StartOutcome.Started)
        {
            return Refusal(outcome, started);
        }

        var result = key is null
            ? await s.Processor.AuthorizeAsync(started!, card!, CancellationToken.None)
            : await s.Processor.ConfirmAsync(started!, CancellationToken.None);
        return Confirmed(result);
    }

    public static async Task<Results<Ok<PaymentResponse>, Accepted<PaymentResponse>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        CancelBody body, [AsParameters] PaymentServices s)
    {
        var errors = new FieldErrors();
        var id = errors.RequiredId("paymentId", body.PaymentId);
        var reason = errors.OptionalText("cancelReason", body.CancelReason, 200) ?? "Cancelled at the payer's or restaurant's request";
        if (body.CancelAmount is not null)
        {
            errors.Amount("cancelAmount", body.CancelAmount, min: 1);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var payment = await s.Payments.FindAsync(id!.Value, s.Ct);
        if (payment is null || !s.User.CanSee(payment))
        {
            return Problems.NotFound("payment", "결제");
        }

        switch (payment.Status)
        {
            case PaymentStatus.Captured:
                var refunded = await RefundCapturedAsync(s, payment, body.CancelAmount, reason, "cancelAmount");
                if (refunded.Problem is not null)
                {
                    return refunded.Problem;
                }

                var after = PaymentResponse.From((await s.Payments.FindAsync(payment.Id, s.Ct))!, await s.Refunds.ListForPaymentAsync(payment.Id, s.Ct));
                return refunded.Refund!.Status == "pending" ? TypedResults.Accepted($"/api/payments/{payment.Id}", after) : TypedResults.Ok(after);
            case PaymentStatus.RequiresConfirmation or PaymentStatus.Authorized:
                if (body.CancelAmount is { } partial && partial != payment.Amount)
                {
                    return Problems.Invalid("cancelAmount", "A payment not captured yet is cancelled whole.", "매입 전 결제는 전액만 취소할 수 있습니다.");
                }

                var (voided, code) = await s.Processor.VoidAsync(payment, CancellationToken.None);
                return code is null
                    ? TypedResults.Ok(PaymentResponse.From(voided))
                    : Problems.Problem(StatusCodes.Status502BadGateway, "Provider refused", Localized.Text(
                        $"The payment provider did not void the payment ({code}); try again.", $"결제 대행사가 취소를 처리하지 못했습니다({code}). 다시 시도해 주세요."), code);
            case PaymentStatus.Authorizing or PaymentStatus.Capturing:
                return Problems.Conflict("The payment is still being processed by the provider; cancel it once it has settled.",
                    "결제 대행사가 아직 처리 중입니다. 처리가 끝난 뒤 취소해 주세요.", "payment_in_progress");
            default:
                return Problems.Conflict($"A payment that is {payment.Status} cannot be cancelled.", $"{payment.Status} 상태의 결제는 취소할 수 없습니다.", "payment_state");
        }
    }

    public static async Task<Results<Ok<PaymentResponse>, Accepted<PaymentResponse>, ValidationProblem, ProblemHttpResult>> CaptureAsync(Guid id, [AsParameters] PaymentServices s)
    {
        var payment = await s.Payments.FindAsync(id, s.Ct);
        if (payment is null || !s.User.CanSee(payment))
        {
            return Problems.NotFound("payment", "결제");
        }

        if (payment.Status != PaymentStatus.Authorized)
        {
            return Problems.Conflict($"Only an authorised payment can be captured; this one is {payment.Status}.",
                $"승인된 결제만 매입할 수 있습니다(현재 {payment.Status}).", "payment_state");
        }

        return Confirmed(await s.Processor.CaptureAsync(payment, CancellationToken.None));
    }

    public static async Task<Results<Created<RefundResponse>, Accepted<RefundResponse>, ValidationProblem, ProblemHttpResult>> RefundAsync(
        Guid id, RefundBody body, [AsParameters] PaymentServices s)
    {
        var errors = new FieldErrors();
        if (body.Amount is not null)
        {
            errors.Amount("amount", body.Amount, min: 1);
        }

        var reason = errors.OptionalText("reason", body.Reason, 200) ?? "Refunded by the restaurant";
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var payment = await s.Payments.FindAsync(id, s.Ct);
        if (payment is null || !s.User.CanSee(payment))
        {
            return Problems.NotFound("payment", "결제");
        }

        if (payment.Status != PaymentStatus.Captured)
        {
            return Problems.Conflict($"Only a captured payment can be refunded; this one is {payment.Status}.",
                $"매입된 결제만 환불할 수 있습니다(현재 {payment.Status}).", "payment_state");
        }

        var (refund, problem) = await RefundCapturedAsync(s, payment, body.Amount, reason, "amount");
        if (problem is not null)
        {
            return problem;
        }

        var response = RefundResponse.From(refund!, payment.Currency);
        return refund!.Status == "pending"
            ? TypedResults.Accepted($"/api/payments/{payment.Id}", response)
            : TypedResults.Created($"/api/payments/{payment.Id}", response);
    }

    public static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] PaymentServices s)
    {
        var payment = await s.Payments.FindAsync(id, s.Ct);
        return payment is null || !s.User.CanSee(payment)
            ? Problems.NotFound("payment", "결제")
            : TypedResults.Ok(PaymentResponse.From(payment, await s.Refunds.ListForPaymentAsync(id, s.Ct)));
    }

    public static async Task<Ok<Page<PaymentResponse>>> MineAsync(int? limit, string? cursor, [AsParameters] PaymentServices s)
    {
        var take = Paging.Limit(limit);
        var after = Paging.Decode<Cursor>(cursor);
        var rows = await s.Payments.ListForPayerAsync(s.User.UserId(), after is null ? null : (after.At, after.Id), take + 1, s.Ct);
        return TypedResults.Ok(Paging.ToPage(rows.Select(p => PaymentResponse.From(p)).ToList(), take, p => new Cursor(p.CreatedAt, p.Id)));
    }

    public static async Task<Results<Ok<DueResponse>, ValidationProblem, ProblemHttpResult>> DueAsync(Guid? orderId, Guid? reservationId, [AsParameters] PaymentServices s)
    {
        var errors = new FieldErrors();
        var purpose = PurposeOf(errors, orderId, reservationId);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var due = await s.Dues.FindAsync(purpose!.Value.Kind, purpose.Value.ReferenceId, s.Ct);
        if (due is null || !(s.User.CanSee(due) || s.User.CanPay(due)))
        {
            return NothingOwed();
        }

        var live = (await s.Payments.ListForDueAsync(due.Id, s.Ct)).FirstOrDefault(p => PaymentStatus.HoldsTheDue(p.Status));
        var payable = due is { State: "open", Amount: not null } && (due.ExpiresAt is null || due.ExpiresAt > s.Now.ToDateTimeOffset()) && live is null;
        return TypedResults.Ok(new DueResponse(due.Kind, due.ReferenceId, due.RestaurantId, due.PayerId, due.Amount, due.Currency, due.State, due.ExpiresAt, payable,
            live is null ? null : PaymentResponse.From(live)));
    }

    public static async Task<Results<Ok<IReadOnlyList<PaymentResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid? orderId, Guid? reservationId, [AsParameters] PaymentServices s)
    {
        var errors = new FieldErrors();
        var purpose = PurposeOf(errors, orderId, reservationId);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var due = await s.Dues.FindAsync(purpose!.Value.Kind, purpose.Value.ReferenceId, s.Ct);
        if (due is null || !(s.User.CanSee(due) || s.User.CanPay(due)))
        {
            return NothingOwed();
        }

        var rows = await s.Payments.ListForDueAsync(due.Id, s.Ct);
        return TypedResults.Ok<IReadOnlyList<PaymentResponse>>(rows.Where(s.User.CanSee).Select(p => PaymentResponse.From(p)).ToList());
    }

    public static async Task<Ok<ReconcileReport>> ReconcileAsync(Reconciler reconciler, HttpContext http) =>
        TypedResults.Ok(await reconciler.RunOnceAsync(http.RequestAborted));

    private sealed record Cursor(DateTimeOffset At, Guid Id);

    /// <summary>Refunds part or all of a captured payment for its restaurant's owner or manager; runs it with the provider at once.</summary>
    private static async Task<(RefundRow? Refund, ProblemHttpResult? Problem)> RefundCapturedAsync(PaymentServices s, PaymentRow payment, long? amount, string reason, string field)
    {
        if (!s.User.ManagesMoneyOf(payment.RestaurantId))
        {
            return (null, Problems.Forbidden("Only the restaurant's owner or a manager can refund a captured payment.",
                "매입된 결제는 레스토랑의 점주나 매니저만 환불할 수 있습니다.", "refund_not_allowed"));
        }

        var left = payment.Amount - payment.RefundReserved;
        var wanted = amount ?? left;
        var refundId = wanted > 0 ? await s.Refunds.RequestAsync(payment.Id, wanted, reason, s.User.UserId(), s.Now.ToDateTimeOffset(), s.Ct) : null;
        if (refundId is null)
        {
            var current = await s.Payments.FindAsync(payment.Id, s.Ct);
            var remaining = current!.Amount - current.RefundReserved;
            return (null, Problems.Problem(StatusCodes.Status409Conflict, "Conflict", Localized.Text(
                $"{field} is more than is left to refund ({remaining} {payment.Currency}).", $"{field}이(가) 환불 가능한 금액({remaining} {payment.Currency})보다 큽니다."),
                "refund_exceeds_payment", new Dictionary<string, object?> { ["refundable"] = remaining }));
        }

        var refund = await s.RefundProcessor.RunAsync(refundId.Value, CancellationToken.None);
        return refund!.Status == "failed"
            ? (null, Problems.Problem(StatusCodes.Status502BadGateway, "Provider refused", Localized.Text(
                $"The payment provider refused the refund ({refund.FailureCode}).", $"결제 대행사가 환불을 거절했습니다({refund.FailureCode})."), refund.FailureCode))
            : (refund, null);
    }

    /// <summary>The due for a payment, if the caller may pay it, for exactly its amount and currency.</summary>
    private static async Task<(DueRow? Due, ProblemHttpResult? Refused)> PayableAsync(PaymentServices s, (string Kind, Guid ReferenceId) purpose, long amount, string? currency)
    {
        var due = await s.Dues.FindAsync(purpose.Kind, purpose.ReferenceId, s.Ct);
        if (due is null || !s.User.CanPay(due))
        {
            return (null, NothingOwed());
        }

        if (due.State != "open" || due.Amount is null)
        {
            return (null, Refusal(StartOutcome.DueClosed));
        }

        if (due.Amount != amount || (currency is not null && currency != due.Currency))
        {
            return (null, Problems.Problem(StatusCodes.Status409Conflict, "Conflict", Localized.Text(
                $"amount must be the amount due: {due.Amount} {due.Currency}.", $"amount는 청구 금액 {due.Amount} {due.Currency}와 같아야 합니다."),
                "amount_mismatch", new Dictionary<string, object?> { ["amountDue"] = due.Amount, ["currency"] = due.Currency }));
        }

        return (due, null);
    }

    private static ProblemHttpResult NothingOwed() => Problems.Problem(StatusCodes.Status404NotFound, "Not Found", Localized.Text(
        "Nothing is owed for this order or reservation (yet): it is unknown, or not yours to pay.", "이 주문이나 예약에 대해 청구된 금액이 없습니다(아직 없거나 결제할 수 없습니다)."),
        "nothing_owed");

    private static ProblemHttpResult Refusal(StartOutcome outcome, PaymentRow? payment = null) => outcome switch
    {
        StartOutcome.NotFound => Problems.NotFound("payment", "결제"),
        StartOutcome.DueClosed => Problems.Conflict("The order or booking was cancelled; it can no longer be paid.", "취소된 주문이나 예약은 결제할 수 없습니다.", "due_closed"),
        StartOutcome.DueExpired => Problems.Conflict("The time to pay this deposit has run out; please book again.", "예약금 결제 시간이 지났습니다. 다시 예약해 주세요.", "hold_expired"),
        StartOutcome.AmountChanged => Problems.Conflict("The amount owed changed since this payment was started; start a new one.", "결제를 시작한 뒤 청구 금액이 바뀌었습니다. 새로 결제해 주세요.", "amount_changed"),
        StartOutcome.AlreadyPaid => Problems.Conflict("This is already paid, or a payment for it is under way.", "이미 결제되었거나 결제가 진행 중입니다.", "already_paid"),
        _ => Problems.Conflict($"A payment that is {payment?.Status} cannot be confirmed.", $"{payment?.Status} 상태의 결제는 확인할 수 없습니다.", "payment_state"),
    };

    /// <summary>201 when captured or authorised, 202 while the provider's answer is awaited, 402 declined.</summary>
    private static Results<Created<PaymentResponse>, Accepted<PaymentResponse>, ValidationProblem, ProblemHttpResult> Paid(PaymentRow payment) => payment.Status switch
    {
        PaymentStatus.Captured or PaymentStatus.Authorized => TypedResults.Created($"/api/payments/{payment.Id}", PaymentResponse.From(payment)),
        PaymentStatus.Authorizing or PaymentStatus.Capturing => TypedResults.Accepted($"/api/payments/{payment.Id}", PaymentResponse.From(payment)),
        _ => Declined(payment),
    };

    /// <summary>200 when captured or authorised, 202 while the provider's answer is awaited, 402 declined.</summary>
    private static Results<Ok<PaymentResponse>, Accepted<PaymentResponse>, ValidationProblem, ProblemHttpResult> Confirmed(PaymentRow payment) => payment.Status switch
    {
        PaymentStatus.Captured or PaymentStatus.Authorized => TypedResults.Ok(PaymentResponse.From(payment)),
        PaymentStatus.Authorizing or PaymentStatus.Capturing => TypedResults.Accepted($"/api/payments/{payment.Id}", PaymentResponse.From(payment)),
        _ => Declined(payment),
    };

    private static ProblemHttpResult Declined(PaymentRow payment) => Problems.Problem(StatusCodes.Status402PaymentRequired, "Payment declined", Localized.Text(
            $"The card was not charged: {payment.FailureMessage ?? payment.Status}", $"카드 결제가 승인되지 않았습니다: {payment.FailureMessage ?? payment.Status}"),
        payment.FailureCode ?? "payment_failed", new Dictionary<string, object?> { ["paymentId"] = payment.Id });

    private static (string Kind, Guid ReferenceId)? PurposeOf(FieldErrors errors, Guid? orderId, Guid? reservationId)
    {
        if (orderId is not null && reservationId is not null)
        {
            errors.Add("orderId", "Send orderId or reservationId, not both.", "orderId와 reservationId 중 하나만 보내 주세요.");
            return null;
        }

        if ((orderId ?? reservationId) is not { } id || id == Guid.Empty)
        {
            errors.Add("orderId", "orderId (an order) or reservationId (a deposit) is required.", "orderId(주문) 또는 reservationId(예약금)가 필요합니다.");
            return null;
        }

        return orderId is not null ? (DueRow.Order, id) : (DueRow.Deposit, id);
    }

    private static string? CurrencyOf(FieldErrors errors, string? currency)
    {
        var code = currency?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", "currency must be an ISO 4217 code such as KRW.", "currency는 KRW 같은 ISO 4217 코드여야 합니다.");
            return null;
        }

        return code;
    }

    private static void MethodOf(FieldErrors errors, string? method)
    {
        var code = method?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(code) && !CardMethods.Contains(code))
        {
            errors.Add("paymentMethod", $"paymentMethod must be a card ({string.Join(", ", CardMethods)}); other methods are not offered yet.",
                $"paymentMethod는 카드({string.Join(", ", CardMethods)})여야 합니다. 다른 결제 수단은 아직 지원하지 않습니다.");
        }
    }

    /// <summary>Checks card details field by field; a message never repeats what was typed.</summary>
    internal static Card? CardOf(FieldErrors errors, CardBody? body, Instant now, bool required)
    {
        if (body is null)
        {
            if (required)
            {
                errors.Add("cardDetails", "cardDetails { number, expiry: \"MM/YY\", cvv } is required.", "cardDetails { number, expiry: \"MM/YY\", cvv }가 필요합니다.");
            }

            return null;
        }

        var today = now.InZone(RestaurantTime.DefaultZone).Date;
        var (card, problems) = Card.Parse(body.Number, body.Expiry, body.Cvv, today);
        foreach (var (field, problem) in problems)
        {
            var (en, ko) = problem switch
            {
                Card.Problem.NumberMissing => ("The card number is required.", "카드 번호가 필요합니다."),
                Card.Problem.NumberMalformed => ("The card number must be 12 to 19 digits (spaces and dashes allowed).", "카드 번호는 12~19자리 숫자여야 합니다(공백과 - 허용)."),
                Card.Problem.NumberFailsCheck => ("The card number is not valid (check digit); please check it.", "유효하지 않은 카드 번호입니다(검증 숫자 불일치). 다시 확인해 주세요."),
                Card.Problem.ExpiryMissing => ("The expiry date is required (MM/YY).", "유효기간(MM/YY)이 필요합니다."),
                Card.Problem.ExpiryMalformed => ("The expiry date must be MM/YY or MM/YYYY.", "유효기간은 MM/YY 또는 MM/YYYY 형식이어야 합니다."),
                Card.Problem.Expired => ("The card has expired.", "유효기간이 지난 카드입니다."),
                _ => ("The CVV must be 3 or 4 digits.", "CVV는 3~4자리 숫자여야 합니다."),
            };
            errors.Add("cardDetails." + field, en, ko);
        }

        errors.OptionalText("cardDetails.holderName", body.HolderName, 100);
        return card;
    }
}
