using Brigade.Api;
using Brigade.Contracts.Jobs;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.Staff.Api;
using Brigade.Staff.Data;
using Brigade.Staff.Events;

namespace Brigade.Staff;

public static class StaffModule
{
    public static WebApplicationBuilder AddStaff(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(StaffModule).Assembly);
        builder.AddMessaging(m => m.Handle<ShiftCompleted, RecordMarketplaceShift>());
        builder.Services.AddValidation();

        var services = builder.Services;
        services.AddSettings<StaffOptions>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<EmployeeStore>();
        services.AddSingleton<ScheduleStore>();
        services.AddSingleton<TimecardStore>();
        services.AddSingleton<PayrollStore>();
        return builder;
    }

    public static WebApplication MapStaffApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/staff");
        api.MapEmployees();
        api.MapSchedule();
        api.MapClock();
        api.MapPayroll();
        app.MapMessagingAdmin();
        return app;
    }
}
