using Brigade.Notifications;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("notifications");
builder.AddNotifications();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNotificationsApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
