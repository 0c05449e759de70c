using Brigade.Api;
using Brigade.Data;
using Brigade.IoT.Api;
using Brigade.Contracts.IoT;
using Brigade.IoT.Data;
using Brigade.IoT.DemoData;
using Brigade.IoT.Events;
using Brigade.IoT.Hubs;
using Brigade.IoT.Jobs;
using Brigade.IoT.Mqtt;
using Brigade.Messaging;
using Brigade.Security;
using Brigade.ServiceDefaults;

namespace Brigade.IoT;

public static class IoTModule
{
    public static WebApplicationBuilder AddIoT(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(IoTModule).Assembly);
        builder.AddMessaging(m => m.Handle<AlarmChanged, PushAlarm>());
        builder.AddHubs();
        builder.Services.AddValidation();
        builder.Services.AddSettings<IoTOptions>();

        var services = builder.Services;
        services.AddHttpClient<BrokerAccounts>((provider, http) => BrokerAccounts.Configure(http, provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton<Live>();
        services.AddSingleton<Alarms>();
        services.AddSingleton<DeviceStore>();
        services.AddSingleton<TelemetryStore>();
        services.AddSingleton<AlarmStore>();
        services.AddSingleton<CommandStore>();
        services.AddSingleton<HaccpStore>();
        services.AddSingleton<MqttLink>();
        services.AddHostedService(provider => provider.GetRequiredService<MqttLink>());
        services.AddSingleton<DeviceWatch>();
        services.AddHostedService(provider => provider.GetRequiredService<DeviceWatch>());
        services.AddHostedService<DeviceSimulator>();
        return builder;
    }

    public static WebApplication MapIoTApi(this WebApplication app)
    {
        app.MapDeviceList();
        app.MapGroup("/api/iot/{restaurantId:guid}")
            .MapDevices()
            .MapAlarms();
        app.MapHub<DevicesHub>(DevicesHub.Path).RequireAuthorization(Policies.User);
        app.MapMessagingAdmin();
        return app;
    }
}
