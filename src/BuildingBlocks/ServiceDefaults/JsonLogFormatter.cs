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

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>Writes the entry and its newline; false when there is nothing to write.</summary>
    public static bool Write<TState>(
        IBufferWriter<byte> output, ServiceIdentity service, string category, LogLevel level, EventId eventId,
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
            json.WriteString("ts", DateTimeOffset.UtcNow);
            json.WriteString("level", LevelName(level));
            json.WriteString("service", service.Name);
            json.WriteString("instance", service.InstanceId);
            json.WriteString("category", category);
            json.WriteString("msg", message);
            if (eventId.Id != 0)
            {
                json.WriteNumber("eventId", eventId.Id);
            }

            var activity = System.Diagnostics.Activity.Current;
            if (activity is not null)
            {
                json.WriteString("traceId", activity.TraceId.ToHexString());
                json.WriteString("spanId", activity.SpanId.ToHexString());
            }

            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
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
                json.WriteString("exception", exception.ToString());
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

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "Trace",
        LogLevel.Debug => "Debug",
        LogLevel.Information => "Information",
        LogLevel.Warning => "Warning",
        LogLevel.Error => "Error",
        LogLevel.Critical => "Critical",
        _ => level.ToString(),
    };

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
