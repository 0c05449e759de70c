using System.Text;
using System.Text.Json;
using Brigade.ServiceDefaults;
using Microsoft.Extensions.Logging;

namespace Brigade.BuildingBlocks.Tests;

public sealed partial class JsonLogTests
{
    private readonly LockedStream _output = new();
    private JsonLogProvider _provider;
    private ILogger _logger;

    public JsonLogTests() => (_provider, _logger) = Start(Timeout.InfiniteTimeSpan);

    [Fact]
    public void Lines_wait_in_the_buffer_until_the_flush_and_then_are_one_json_object_each()
    {
        TicketFired(_logger, 42, "김치찌개");
        TicketFired(_logger, 43, "bulgogi \"special\"");

        Lines().ShouldBeEmpty(); // batched: no write (and no writer thread woken) per line
        _provider.Flush();

        var lines = Lines();
        lines.Count.ShouldBe(2);
        var first = lines[0].RootElement;
        first.GetProperty("level").GetString().ShouldBe("Information");
        first.GetProperty("service").GetString().ShouldBe("orders");
        first.GetProperty("instance").GetString().ShouldBe("orders-2");
        first.GetProperty("category").GetString().ShouldBe("Brigade.Orders.Kitchen");
        first.GetProperty("msg").GetString().ShouldBe("Ticket 42 fired: 김치찌개");
        first.GetProperty("ticket").GetInt32().ShouldBe(42);
        first.GetProperty("dish").GetString().ShouldBe("김치찌개");
        first.GetProperty("eventId").GetInt32().ShouldBe(7);
        lines[1].RootElement.GetProperty("dish").GetString().ShouldBe("bulgogi \"special\"");
    }

    [Fact]
    public void An_error_is_written_at_once_with_everything_before_it_in_order()
    {
        TicketFired(_logger, 1, "naengmyeon");
        _logger.LogError(new InvalidOperationException("grill offline"), "Station {station} failed", "grill");

        var lines = Lines();
        lines.Count.ShouldBe(2);
        lines[0].RootElement.GetProperty("ticket").GetInt32().ShouldBe(1);
        lines[1].RootElement.GetProperty("level").GetString().ShouldBe("Error");
        lines[1].RootElement.GetProperty("exception").GetString()!.ShouldContain("grill offline");
    }

    [Fact]
    public void The_timer_flushes_a_quiet_buffer_and_dispose_flushes_the_rest()
    {
        _provider.Dispose();
        (_provider, _logger) = Start(TimeSpan.FromMilliseconds(50));
        TicketFired(_logger, 5, "japchae");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (Lines().Count == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Lines().Count.ShouldBe(1);
        TicketFired(_logger, 6, "tteokbokki");
        _provider.Dispose();
        Lines().Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_full_buffer_is_written_by_a_pool_thread_without_waiting_for_the_timer_or_the_caller()
    {
        _output.Block(); // every write now waits for Unblock()
        var dish = new string('x', 1000);
        var logged = 0;
        var caller = Task.Run(() =>
        {
            for (; logged < 2 * JsonLogProvider.FlushBytes / 1000; logged++)
            {
                TicketFired(_logger, logged, dish);
            }
        });

        // The buffer filled twice over and its write is stuck in stdout, yet the caller went on.
        await caller.WaitAsync(TimeSpan.FromSeconds(10));
        _output.Unblock();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Lines().Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Lines().Count.ShouldBeGreaterThan(0);
        Lines().Count.ShouldBeLessThan(logged + 1);
    }

    [Fact]
    public async Task A_caller_waits_for_stdout_once_it_is_far_behind_so_memory_stays_bounded()
    {
        _output.Block();
        var dish = new string('x', 1000);
        var caller = Task.Run(() =>
        {
            for (var i = 0; i < 2 * JsonLogProvider.BlockBytes / 1000; i++)
            {
                TicketFired(_logger, i, dish);
            }
        });

        await Task.Delay(500);
        caller.IsCompleted.ShouldBeFalse();
        _output.Unblock();
        await caller.WaitAsync(TimeSpan.FromSeconds(10));
        _provider.Flush();
        Lines().Count.ShouldBe(2 * JsonLogProvider.BlockBytes / 1000);
    }

    [Fact]
    public void A_state_that_writes_its_own_fields_is_written_as_they_are()
    {
        _logger.Log(LogLevel.Warning, new EventId(3), new Fields(404, "/메뉴"), null, static (f, _) => f.ToString());
        _provider.Flush();

        var line = Lines().Single().RootElement;
        line.GetProperty("level").GetString().ShouldBe("Warning");
        line.GetProperty("category").GetString().ShouldBe("Brigade.Orders.Kitchen");
        line.GetProperty("msg").GetString().ShouldBe("GET /메뉴 404");
        line.GetProperty("status").GetInt32().ShouldBe(404);
        line.GetProperty("path").GetString().ShouldBe("/메뉴");
        line.TryGetProperty("ignored", out _).ShouldBeFalse(); // the pairs are not enumerated as well
    }

    private (JsonLogProvider, ILogger) Start(TimeSpan flushInterval)
    {
        var provider = new JsonLogProvider(new ServiceIdentity("orders", "orders-2"), _output, flushInterval);
        return (provider, provider.CreateLogger("Brigade.Orders.Kitchen"));
    }

    private List<JsonDocument> Lines()
    {
        var text = Encoding.UTF8.GetString(_output.Snapshot());
        text.Length.ShouldBe(text.Length == 0 ? 0 : text.LastIndexOf('\n') + 1); // only whole lines
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l)).ToList();
    }

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Ticket {ticket} fired: {dish}")]
    private static partial void TicketFired(ILogger logger, int ticket, string dish);

    private sealed class Fields(int status, string path) : IJsonLogFields, IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] => new("ignored", true);

        public void WriteFields(Utf8JsonWriter json)
        {
            json.WriteNumber("status", status);
            json.WriteString("path", path);
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"GET {path} {status}";
    }

    /// <summary>The provider writes from its timer thread while the test reads.</summary>
    private sealed class LockedStream : MemoryStream
    {
        private readonly Lock _lock = new();
        private readonly ManualResetEventSlim _open = new(initialState: true);

        /// <summary>Makes writes wait, like a stdout nobody reads.</summary>
        public void Block() => _open.Reset();

        public void Unblock() => _open.Set();

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _open.Wait();
            lock (_lock)
            {
                base.Write(buffer);
            }
        }

        public byte[] Snapshot()
        {
            lock (_lock)
            {
                return ToArray();
            }
        }
    }
}
