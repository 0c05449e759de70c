using Brigade.Reservations;
using Brigade.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("reservations");
builder.AddReservations();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReservationsApi();
app.Run();

/// <summary>Entry point; public so tests can host the service.</summary>
public partial class Program;
