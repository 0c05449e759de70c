using Brigade.Api;
using Brigade.Contracts.Inventory;
using Brigade.Contracts.Ordering;
using Brigade.Data;
using Brigade.Inventory.Api;
using Brigade.Inventory.Clients;
using Brigade.Inventory.Data;
using Brigade.Inventory.DemoData;
using Brigade.Inventory.Events;
using Brigade.Inventory.Jobs;
using Brigade.Messaging;
using Brigade.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Brigade.Inventory;

public static class InventoryModule
{
    public static WebApplicationBuilder AddInventory(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(InventoryModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<OrderAccepted, DepleteAcceptedOrder>()
            .Handle<OrderModified, RedepleteModifiedOrder>()
            .Handle<OrderCancelled, RestoreCancelledOrder>()
            .Handle<PurchaseOrderSent, MailPurchaseOrderToSupplier>());
        builder.Services.AddValidation();
        builder.Services.AddSettings<InventoryOptions>();

        var services = builder.Services;
        services.AddSingleton<StockLedger>();
        services.AddSingleton<DepletionStore>();
        services.AddSingleton<StockStore>();
        services.AddSingleton<RecipeStore>();
        services.AddSingleton<SupplierStore>();
        services.AddSingleton<PurchaseOrderStore>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<ExpiryWatch>();
        services.AddHttpClient<ForecastClient>((provider, http) =>
        {
            // http://forecasting is resolved by service discovery to the replicas in Services:forecasting.
            var url = provider.GetRequiredService<IOptions<InventoryOptions>>().Value.ForecastingUrl
                ?? (provider.GetRequiredService<IConfiguration>().GetSection("Services:forecasting").Exists() ? "http://forecasting" : null);
            if (Uri.TryCreate(url, UriKind.Absolute, out var baseAddress))
            {
                http.BaseAddress = new Uri(baseAddress.ToString().TrimEnd('/') + "/");
            }
        });
        services.AddSingleton<DemoStock>();
        services.AddHostedService(provider => provider.GetRequiredService<DemoStock>());
        services.AddHostedService(provider => provider.GetRequiredService<ExpiryWatch>());
        return builder;
    }

    public static WebApplication MapInventoryApi(this WebApplication app)
    {
        app.MapGroup("/api/inventory/{restaurantId:guid}")
            .MapStock()
            .MapRecipes()
            .MapSuppliers()
            .MapPurchaseOrders()
            .MapSettingsAndReports();
        app.MapMessagingAdmin();
        return app;
    }
}
