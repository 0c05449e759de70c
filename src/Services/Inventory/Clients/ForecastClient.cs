using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Brigade.Inventory.Clients;

/// <summary>The forecasting service could not answer (not configured, down, or no forecast for the restaurant).</summary>
public sealed class ForecastUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Forecasting's expected dishes per day (<c>GET /api/forecasts/{restaurantId}/items</c>), asked for the manager who asked
/// us, with their own token: forecasting applies the same rule (the restaurant's owners and managers). Timeouts, retries
/// and the circuit breaker are every client's (ServiceDefaults).
/// </summary>
public sealed class ForecastClient(HttpClient http)
{
    private sealed record ItemQuantity(Guid MenuItemId, decimal Quantity);

    private sealed record ItemDay(string Date, IReadOnlyList<ItemQuantity> Items);

    private sealed record ItemForecast(IReadOnlyList<ItemDay> Days);

    /// <summary>Dishes expected on each of the next <paramref name="days"/> days, from today.</summary>
    public async Task<IReadOnlyList<(string Date, IReadOnlyDictionary<Guid, decimal> Dishes)>> DishesAsync(Guid restaurantId, int days, string bearer, CancellationToken ct)
    {
        if (http.BaseAddress is null)
        {
            throw new ForecastUnavailableException("No forecasting service is configured (Services:forecasting or Inventory:ForecastingUrl).");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/forecasts/{restaurantId}/items?days={days}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new ForecastUnavailableException("Forecasting did not answer.", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ForecastUnavailableException($"Forecasting answered {(int)response.StatusCode}.");
            }

            var forecast = await response.Content.ReadFromJsonAsync<ItemForecast>(ct)
                ?? throw new ForecastUnavailableException("Forecasting answered nothing.");
            return forecast.Days.Select(d => (d.Date, (IReadOnlyDictionary<Guid, decimal>)d.Items.ToDictionary(i => i.MenuItemId, i => i.Quantity))).ToList();
        }
    }
}
