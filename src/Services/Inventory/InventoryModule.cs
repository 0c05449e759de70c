using Brigade.Api;
using Brigade.Contracts.Inventory;
using Brigade.Contracts.Ordering;
using Brigade.Data;
using Brigade.Inventory.Api;
using Brigade.Inventory.Data;
using Brigade.Inventory.DemoData;
using Brigade.Inventory.Events;
using Brigade.Inventory.Jobs;
using Brigade.Messaging;
using Brigade.ServiceDefaults;

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
