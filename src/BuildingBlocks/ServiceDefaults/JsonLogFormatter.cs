using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Brigade.ServiceDefaults;

/// <summary>
/// One JSON object per line: time, level, service, instance, category, message, trace and span ids,
/// the message's named values and scopes, and the exception if any. Written straight as UTF-8.
/// </summary>
internal static class JsonLogFormatter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Names and fixed values encoded once: escaping and transcoding them per line was a third of the cost.
    private static readonly JsonEncodedText Ts = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText Service = JsonEncodedText.Encode("service");
    private static readonly JsonEncodedText Instance = JsonEncodedText.Encode("instance");
    private static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");
    private static readonly JsonEncodedText Msg = JsonEncodedText.Encode("msg");
    private static readonly JsonEncodedText EventIdName = JsonEncodedText.Encode("eventId");
    private static readonly JsonEncodedText TraceId = JsonEncodedText.Encode("traceId");
    private static readonly JsonEncodedText SpanId = JsonEncodedText.Encode("spanId");
    private static readonly JsonEncodedText ExceptionName = JsonEncodedText.Encode("exception");
    private static readonly JsonEncodedText[] Levels = [.. Enum.GetValues<LogLevel>().Select(l => JsonEncodedText.Encode(l.ToString()))];

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>Encodes a name or fixed value with the same (relaxed) escaping the lines use.</summary>
    public static JsonEncodedText Encode(string value) => JsonEncodedText.Encode(value, Options.Encoder);

    /// <summary>Writes the entry and its newline; false when there is nothing to write.</summary>
    public static bool Write<TState>(
        IBufferWriter<byte> output, EncodedIdentity service, JsonEncodedText category, LogLevel level, EventId eventId,
        TState state, Exception? exception, Func<TState, Exception?, string> formatter, IExternalScopeProvider? scopes)
    {
        var message = formatter(state, exception);
        if (message is null && exception is null)
        {
            return false;
        }

        // One writer per thread, taken out while in use so a value whose ToString() logs gets its own.
        var json = _writer ?? new Utf8JsonWriter(Stream.Null, Options);
        _writer = null;
        json.Reset(output);
        try
        {
            json.WriteStartObject();
            json.WriteString(Ts, DateTimeOffset.UtcNow);
            json.WriteString(Level, (uint)level < (uint)Levels.Length ? Levels[(int)level] : JsonEncodedText.Encode(level.ToString()));
            json.WriteString(Service, service.Name);
            json.WriteString(Instance, service.InstanceId);
            json.WriteString(Category, category);
            json.WriteString(Msg, message);
            if (eventId.Id != 0)
            {
                json.WriteNumber(EventIdName, eventId.Id);
            }

            var activity = System.Diagnostics.Activity.Current;
            if (activity is not null)
            {
                json.WriteString(TraceId, activity.TraceId.ToHexString());
                json.WriteString(SpanId, activity.SpanId.ToHexString());
            }

            if (state is IJsonLogFields fields)
            {
                fields.WriteFields(json);
            }
            else if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                WriteValues(json, values);
            }

            scopes?.ForEachScope((scope, writer) =>
            {
                if (scope is IReadOnlyList<KeyValuePair<string, object?>> scopeValues)
                {
                    WriteValues(writer, scopeValues);
                }
            }, json);

            if (exception is not null)
            {
                json.WriteString(ExceptionName, exception.ToString());
            }

            json.WriteEndObject();
            json.Flush();
        }
        finally
        {
            json.Reset(Stream.Null);
            _writer = json;
        }

        output.Write("\n"u8);
        return true;
    }

    /// <summary>The service's name and instance, encoded for JSON once.</summary>
    public sealed class EncodedIdentity(ServiceIdentity service)
    {
        public JsonEncodedText Name { get; } = Encode(service.Name);

        public JsonEncodedText InstanceId { get; } = Encode(service.InstanceId);
    }

    private static void WriteValues(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        foreach (var (key, value) in values)
        {
            if (key == "{OriginalFormat}" || key is "ts" or "level" or "service" or "instance" or "category" or "msg" or "traceId" or "spanId")
            {
                continue;
            }

            switch (value)
            {
                case null: json.WriteNull(key); break;
                case string text: json.WriteString(key, text); break;
                case bool b: json.WriteBoolean(key, b); break;
                case int or long or short or byte: json.WriteNumber(key, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                case double or float or decimal: json.WriteNumber(key, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                default: json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
    }
}
