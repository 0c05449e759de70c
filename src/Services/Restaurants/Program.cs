using Brigade.Restaurants;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("restaurants");
builder.AddRestaurants();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRestaurantsApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
