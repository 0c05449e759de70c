using System.Security.Cryptography;
using System.Text;

namespace Brigade.Sandbox.PaymentProvider;

public static class SandboxApi
{
    public static void MapSandboxApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1").AddEndpointFilter(async (context, next) =>
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<SandboxOptions>();
            return Authorised(context.HttpContext.Request, options.SecretKey)
                ? await next(context)
                : Send(Answer.Error(401, "UNAUTHORIZED_KEY", "The secret key is missing or wrong."));
        });

        v1.MapPost("/payments/key-in", (SandboxBook.KeyIn body, HttpRequest request, SandboxBook book) =>
            RunAsync(book, request, "key-in", () => Task.FromResult(book.Authorize(body))));
        v1.MapPost("/payments/confirm", (SandboxBook.Confirm body, HttpRequest request, SandboxBook book) =>
            RunAsync(book, request, "confirm", () => book.ConfirmAsync(body)));
        v1.MapPost("/payments/{paymentKey}/cancel", (string paymentKey, SandboxBook.Cancel body, HttpRequest request, SandboxBook book) =>
            RunAsync(book, request, "cancel:" + paymentKey, () => Task.FromResult(book.CancelPayment(paymentKey, body))));
        v1.MapGet("/payments/orders/{orderId}", (string orderId, SandboxBook book) => Send(book.Find(null, orderId)));
        v1.MapGet("/payments/{paymentKey}", (string paymentKey, SandboxBook book) => Send(book.Find(paymentKey, null)));
        v1.MapPost("/payouts", (SandboxBook.PayoutRequest body, HttpRequest request, SandboxBook book) =>
            RunAsync(book, request, "payout", () => book.PayOutAsync(body)));
        v1.MapGet("/payouts/{refPayoutId}", (string refPayoutId, SandboxBook book) => Send(book.FindPayout(refPayoutId)));

        // For people and benchmarks: what the PG holds in total (its settlement report).
        app.MapGet("/sandbox/totals", (SandboxBook book) => TypedResults.Ok(book.Totals()));
    }

    private static async Task<IResult> RunAsync(SandboxBook book, HttpRequest request, string route, Func<Task<Answer>> work) =>
        Send(await book.IdempotentAsync(request.Headers["Idempotency-Key"].ToString(), route, work));

    private static IResult Send(Answer answer) => Results.Json(answer.Body, statusCode: answer.Status);

    private static bool Authorised(HttpRequest request, string secretKey)
    {
        var expected = Encoding.UTF8.GetBytes(RunningSandbox.BasicAuth(secretKey));
        var given = Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
