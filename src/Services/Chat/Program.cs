using Brigade.Chat;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("chat");
builder.AddChat();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapChatApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
