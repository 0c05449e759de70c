using Brigade.IoT;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("iot");
builder.AddIoT();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIoTApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
