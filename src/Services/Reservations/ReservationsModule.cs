using Brigade.Api;
using Brigade.Contracts.Identity;
using Brigade.Contracts.Payments;
using Brigade.Contracts.Restaurants;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.Reservations.Api;
using Brigade.Reservations.Data;
using Brigade.Reservations.Events;
using Brigade.Reservations.Jobs;

namespace Brigade.Reservations;

public static class ReservationsModule
{
    public static WebApplicationBuilder AddReservations(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(ReservationsModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<RestaurantCreated, LearnCreatedRestaurant>()
            .Handle<RestaurantUpdated, LearnUpdatedRestaurant>()
            .Handle<RestaurantPublished, LearnPublishedRestaurant>()
            .Handle<RestaurantClosed, LearnClosedRestaurant>()
            .Handle<HoursChanged, LearnHours>()
            .Handle<TableChanged, LearnTable>()
            .Handle<TableGroupChanged, LearnTableGroup>()
            .Handle<MemberAdded, LearnMemberAdded>()
            .Handle<MemberRemoved, LearnMemberRemoved>()
            .Handle<MembershipChanged, LearnIdentityMembership>()
            .Handle<UserRolesChanged, LearnUserRoles>()
            .Handle<PaymentCompleted, ConfirmPaidDeposit>()
            .Handle<PaymentFailed, RecordFailedDeposit>());
        builder.Services.AddValidation();

        var services = builder.Services;
        services.AddSettings<ReservationsOptions>();
        services.AddSingleton<BookCache>();
        services.AddSingleton<BookReader>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<RightsStore>();
        services.AddSingleton<ReservationStore>();
        services.AddSingleton<GuestStore>();
        services.AddSingleton<ConciergeStore>();
        services.AddSingleton<WaitlistStore>();
        services.AddSingleton<HoldExpiry>();
        services.AddHostedService(provider => provider.GetRequiredService<HoldExpiry>());
        services.AddSingleton<Reminders>();
        services.AddHostedService(provider => provider.GetRequiredService<Reminders>());
        return builder;
    }

    public static WebApplication MapReservationsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/reservations");
        api.MapSettingsAndAvailability();
        api.MapReservations();
        api.MapGuests();
        app.MapGroup("/api/concierge").MapConcierge();
        app.MapGroup("/api/waitlist").MapWaitlist();
        app.MapMessagingAdmin();
        return app;
    }
}
