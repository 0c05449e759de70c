using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Brigade.ServiceDefaults;

/// <summary>
/// JSON log lines (<see cref="JsonLogFormatter"/>) on standard output, written in batches. The console
/// logger hands every line to its writer thread and wakes it, one context switch per line: at the
/// gateway's request rates that cost more CPU than forwarding the request. Here a line is formatted on
/// the caller's thread into a shared buffer, and the buffer is written every
/// <see cref="FlushInterval"/> (like nginx's <c>access_log … buffer= flush=</c>), by a pool thread as
/// soon as it passes <see cref="FlushBytes"/>, and by the caller for errors and on shutdown. The caller
/// only waits for the write when stdout falls <see cref="BlockBytes"/> behind, which bounds the memory.
/// (The gateway runs every request on one socket thread: a write there would stall them all.)
/// </summary>
[ProviderAlias("Json")]
public sealed class JsonLogProvider : ILoggerProvider, ISupportExternalScope
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);
    public const int FlushBytes = 64 * 1024;
    public const int BlockBytes = 16 * FlushBytes;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _scratch;

    private readonly JsonLogFormatter.EncodedIdentity _service;
    private readonly Stream _output;
    private readonly Lock _appendLock = new();
    private readonly Lock _writeLock = new();
    private readonly Timer _timer;
    private ArrayBufferWriter<byte> _pending = new(FlushBytes * 2);
    private ArrayBufferWriter<byte> _writing = new(FlushBytes * 2);
    private IExternalScopeProvider? _scopes;
    private int _flushQueued;

    public JsonLogProvider(ServiceIdentity service)
        : this(service, Console.OpenStandardOutput(), FlushInterval)
    {
    }

    internal JsonLogProvider(ServiceIdentity service, Stream output, TimeSpan flushInterval)
    {
        _service = new JsonLogFormatter.EncodedIdentity(service);
        _output = output;
        _timer = new Timer(static s => ((JsonLogProvider)s!).Flush(), this, flushInterval, flushInterval);
    }

    public ILogger CreateLogger(string categoryName) => new JsonLogger(this, JsonLogFormatter.Encode(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }

    /// <summary>Writes everything buffered so far, in order.</summary>
    public void Flush()
    {
        lock (_writeLock)
        {
            lock (_appendLock)
            {
                (_pending, _writing) = (_writing, _pending);
            }

            if (_writing.WrittenCount == 0)
            {
                return;
            }

            try
            {
                _output.Write(_writing.WrittenSpan);
                _output.Flush();
            }
            catch (IOException)
            {
                // stdout is gone (closed pipe): nothing left to tell
            }
            catch (ObjectDisposedException)
            {
            }

            _writing.ResetWrittenCount();
        }
    }

    private void Log<TState>(JsonEncodedText category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        // One scratch buffer per thread, taken out while in use (a value's ToString() may log too).
        var line = _scratch ?? new ArrayBufferWriter<byte>(1024);
        _scratch = null;
        line.ResetWrittenCount();
        int pending;
        try
        {
            if (!JsonLogFormatter.Write(line, _service, category, level, eventId, state, exception, formatter, _scopes))
            {
                return;
            }

            lock (_appendLock)
            {
                _pending.Write(line.WrittenSpan);
                pending = _pending.WrittenCount;
            }
        }
        finally
        {
            // A huge line (a long exception) should not pin its buffer to the thread.
            _scratch = line.Capacity <= 64 * 1024 ? line : null;
        }

        if (level >= LogLevel.Error || pending >= BlockBytes)
        {
            Flush();
        }
        else if (pending >= FlushBytes && Interlocked.Exchange(ref _flushQueued, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static p => p.FlushQueued(), this, preferLocal: false);
        }
    }

    private void FlushQueued()
    {
        Volatile.Write(ref _flushQueued, 0);
        Flush();
    }

    private sealed class JsonLogger(JsonLogProvider provider, JsonEncodedText category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Log(category, logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
