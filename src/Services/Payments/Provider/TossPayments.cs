using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Brigade.Payments.Domain;
using Microsoft.Extensions.Options;

namespace Brigade.Payments.Provider;

/// <summary>
/// Toss Payments' API (<c>https://api.tosspayments.com</c>, or the local sandbox that answers like it): the secret key
/// as HTTP Basic user name, JSON bodies, errors as <c>{ code, message }</c>. The confirm flow is Toss's:
/// the card is authenticated first (here by key-in, which the sandbox holds as <c>IN_PROGRESS</c> like the payment
/// window does), then <c>POST /v1/payments/confirm { paymentKey, orderId, amount }</c> captures it.
/// A 4xx answer is a refusal (nothing happened); a timeout, a 5xx or no answer leaves the call in doubt.
/// </summary>
public sealed class TossPayments(HttpClient http, IOptions<PaymentsOptions> options, ILogger<TossPayments> logger) : IPaymentProvider
{
    public string Name => "toss";

    private sealed record TossError(string? Code, string? Message);

    private sealed record TossPayment(string PaymentKey, string OrderId, string Status, long TotalAmount, long BalanceAmount, DateTimeOffset? ApprovedAt);

    private sealed record TossPayout(string PayoutKey, string RefPayoutId, string Status, long Amount, TossError? Failure);

    public Task<ProviderAnswer<ProviderPayment>> AuthorizeAsync(Guid paymentId, long amount, string orderName, Card card, CancellationToken ct) =>
        SendAsync<ProviderPayment, TossPayment>(HttpMethod.Post, "v1/payments/key-in", new
        {
            amount,
            orderId = paymentId.ToString(),
            orderName,
            cardNumber = card.Number,
            cardExpirationYear = (card.ExpiryYear % 100).ToString("00", CultureInfo.InvariantCulture),
            cardExpirationMonth = card.ExpiryMonth.ToString("00", CultureInfo.InvariantCulture),
            cvc = card.Cvc,
        }, paymentId + ":authorize", ToPayment, ct);

    public async Task<ProviderAnswer<ProviderPayment>> ConfirmAsync(Guid paymentId, string paymentKey, long amount, CancellationToken ct)
    {
        var answer = await SendAsync<ProviderPayment, TossPayment>(HttpMethod.Post, "v1/payments/confirm",
            new { paymentKey, orderId = paymentId.ToString(), amount }, paymentId + ":confirm", ToPayment, ct);

        // Confirmed before (our earlier answer was lost): what the provider holds now is the answer.
        return answer is { Outcome: Outcome.Refused, Code: "ALREADY_PROCESSED_PAYMENT" } ? await FindAsync(paymentId, ct) : answer;
    }

    public Task<ProviderAnswer<ProviderPayment>> CancelAsync(string paymentKey, long? amount, string reason, Guid requestId, CancellationToken ct) =>
        SendAsync<ProviderPayment, TossPayment>(HttpMethod.Post, $"v1/payments/{Uri.EscapeDataString(paymentKey)}/cancel",
            new { cancelReason = reason, cancelAmount = amount }, requestId.ToString(), ToPayment, ct);

    public Task<ProviderAnswer<ProviderPayment>> FindAsync(Guid paymentId, CancellationToken ct) =>
        SendAsync<ProviderPayment, TossPayment>(HttpMethod.Get, $"v1/payments/orders/{paymentId}", null, null, ToPayment, ct);

    public Task<ProviderAnswer<ProviderPayout>> PayOutAsync(Guid payoutId, long amount, BankAccount account, CancellationToken ct) =>
        SendAsync<ProviderPayout, TossPayout>(HttpMethod.Post, "v1/payouts", new
        {
            refPayoutId = payoutId.ToString(),
            amount,
            bankCode = account.BankCode,
            accountNumber = account.AccountNumber,
            holderName = account.Holder,
        }, payoutId.ToString(), p => new ProviderPayout(p.PayoutKey, p.RefPayoutId, p.Status, p.Amount, p.Failure?.Code, p.Failure?.Message), ct);

    private static ProviderPayment ToPayment(TossPayment p) => new(p.PaymentKey, p.OrderId, p.Status, p.TotalAmount, p.BalanceAmount, p.ApprovedAt);

    private async Task<ProviderAnswer<TResult>> SendAsync<TResult, TWire>(
        HttpMethod method, string path, object? body, string? idempotencyKey, Func<TWire, TResult> map, CancellationToken ct)
        where TResult : class
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Value.Provider.SecretKey + ":")));
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: JsonSerializerOptions.Web);
        }

        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                var wire = await response.Content.ReadFromJsonAsync<TWire>(JsonSerializerOptions.Web, ct);
                return wire is null ? ProviderAnswer<TResult>.NotKnown("empty answer") : ProviderAnswer<TResult>.Done(map(wire));
            }

            var error = await ReadErrorAsync(response, ct);
            if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict)
            {
                logger.LogWarning("{Provider} answered {Status} {Code} to {Method} {Path}", Name, (int)response.StatusCode, error.Code, method, Route(path));
                return ProviderAnswer<TResult>.NotKnown($"{(int)response.StatusCode} {error.Code}");
            }

            return ProviderAnswer<TResult>.Refused(error.Code ?? $"http_{(int)response.StatusCode}", error.Message ?? "The provider refused the request.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            // Only the path is logged: bodies carry card and bank details.
            logger.LogWarning("{Provider} did not answer {Method} {Path}: {Error}", Name, method, Route(path), e.GetType().Name);
            return ProviderAnswer<TResult>.NotKnown(e is TaskCanceledException ? "timeout" : "no answer");
        }
    }

    private static async Task<TossError> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<TossError>(JsonSerializerOptions.Web, ct) ?? new TossError(null, null);
        }
        catch (JsonException)
        {
            return new TossError(null, null);
        }
    }

    /// <summary>The path without keys, for logs.</summary>
    private static string Route(string path) => path.Split('/') is [_, "payments", _, "cancel"] ? "v1/payments/{paymentKey}/cancel" : path;
}
