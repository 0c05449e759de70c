using Brigade.Payments;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("payments");
builder.AddPayments();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPaymentsApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
