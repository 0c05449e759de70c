using Brigade.Ordering;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("ordering");
builder.AddOrdering();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOrderingApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
