using Brigade.ServiceDefaults;
using Brigade.Staff;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("staff");
builder.AddStaff();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStaffApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
