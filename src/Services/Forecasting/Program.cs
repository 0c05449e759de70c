using Brigade.Forecasting;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("forecasting");
builder.AddForecasting();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapForecastingApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
