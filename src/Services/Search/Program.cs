using Brigade.Search;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("search");
builder.AddSearch();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSearchApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
