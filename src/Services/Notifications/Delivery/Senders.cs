using Brigade.Notifications.Data;

namespace Brigade.Notifications.Delivery;

/// <summary>Sends one channel's messages (email, SMS or push) through one provider.</summary>
public interface IChannelSender
{
    string Channel { get; }

    /// <summary>Sends or throws <see cref="DeliveryFailedException"/> (any other exception counts as a transient failure).</summary>
    Task SendAsync(DeliveryRow delivery, CancellationToken ct);
}

/// <summary>A provider refused or could not take a message; <see cref="Permanent"/> when retrying cannot help (bad address, unknown device).</summary>
public sealed class DeliveryFailedException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

/// <summary>Providers' HTTP answers: 4xx other than 408 and 429 will not get better by retrying.</summary>
internal static class HttpOutcome
{
    public static async Task EnsureAcceptedAsync(HttpResponseMessage response, string provider, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct);
        var permanent = status is >= 400 and < 500 and not 408 and not 429;
        throw new DeliveryFailedException($"{provider} answered {status}: {(text.Length > 500 ? text[..500] : text)}", permanent);
    }
}
