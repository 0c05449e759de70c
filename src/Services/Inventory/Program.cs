using Brigade.Inventory;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("inventory");
builder.AddInventory();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapInventoryApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
