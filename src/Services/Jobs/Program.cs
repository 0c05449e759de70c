using Brigade.Jobs;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("jobs");
builder.AddJobs();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapJobsApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
