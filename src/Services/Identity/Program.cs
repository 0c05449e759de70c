using Brigade.Identity;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("identity");
builder.AddIdentity();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIdentity();
app.Run();

public partial class Program;
