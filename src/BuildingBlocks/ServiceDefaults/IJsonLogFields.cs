using System.Text.Json;

namespace Brigade.ServiceDefaults;

/// <summary>
/// A log state that writes its own fields as properties of the JSON line. The JSON log uses it instead
/// of enumerating name/value pairs, which boxes every number and switches on every value's type: worth
/// it for a line written per request (the gateway's access log), not for ordinary messages.
/// </summary>
public interface IJsonLogFields
{
    void WriteFields(Utf8JsonWriter json);
}
