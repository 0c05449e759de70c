using Brigade.Analytics;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("analytics");
builder.AddAnalytics();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAnalyticsApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
