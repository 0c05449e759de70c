using Brigade.Api;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Ordering;
using Brigade.Contracts.Reservations;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.Payments.Api;
using Brigade.Payments.Data;
using Brigade.Payments.Events;
using Brigade.Payments.Jobs;
using Brigade.Payments.Processing;
using Brigade.Payments.Provider;
using Microsoft.Extensions.Options;

namespace Brigade.Payments;

public static class PaymentsModule
{
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(PaymentsModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<OrderPlaced, OweForOrder>()
            .Handle<OrderCancelled, RefundCancelledOrder>()
            .Handle<DepositRequested, OweDeposit>()
            .Handle<ReservationCancelled, RefundCancelledReservation>()
            .Handle<ReservationNoShow, SettleNoShowDeposit>()
            .Handle<ShiftCompleted, PayForShift>()
            .Handle<ShiftCancelled, CompensateCancelledShift>());
        builder.Services.AddValidation();

        var services = builder.Services;
        services.AddSettings<PaymentsOptions>();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<DueStore>();
        services.AddSingleton<PaymentStore>();
        services.AddSingleton<RefundStore>();
        services.AddSingleton<PayoutStore>();
        services.AddSingleton<SettlementStore>();
        services.AddSingleton<ShiftStore>();
        services.AddSingleton<ProviderEventStore>();
        services.AddSingleton<PaymentRules>();
        services.AddSingleton<WebhookVerifier>();
        services.AddSingleton<PaymentProcessor>();
        services.AddSingleton<RefundProcessor>();
        services.AddSingleton<PayoutProcessor>();

        // The provider's own timeout decides when a call is in doubt. The platform's standard handler (retries, a circuit
        // breaker, its own timeouts) is taken off this client: a lost answer is settled by asking the provider (the
        // reconciler), and an open circuit would fail payments that the provider could still take.
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001) in Microsoft.Extensions.Http.Resilience 10.x.
#pragma warning disable EXTEXP0001
        services.AddHttpClient<IPaymentProvider, TossPayments>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<PaymentsOptions>>().Value.Provider;
                http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
                http.Timeout = options.Timeout;
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        services.AddSingleton<Reconciler>();
        services.AddHostedService(provider => provider.GetRequiredService<Reconciler>());
        services.AddSingleton<SettlementJob>();
        services.AddHostedService(provider => provider.GetRequiredService<SettlementJob>());
        return builder;
    }

    public static WebApplication MapPaymentsApi(this WebApplication app)
    {
        var payments = app.MapGroup("/api/payments");
        payments.MapPayments();
        payments.MapWebhooks();
        payments.MapLedger();
        payments.MapSeedWalletPaths();
        app.MapGroup("/api/wallets").MapWallets();
        app.MapGroup("/api/settlements").MapSettlements();
        app.MapMessagingAdmin();
        return app;
    }
}
