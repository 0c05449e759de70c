using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Brigade.Gateway.Tests;

/// <summary>Bodies stream through in both directions: nothing waits for a whole body, nothing is held whole.</summary>
public sealed class StreamingTests : IAsyncLifetime
{
    private const long HundredMegabytes = 100L * 1024 * 1024;

    private readonly TaskCompletionSource _uploadFirstChunkSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _downloadFirstChunkRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstEventRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _clientGone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _flooded;
    private FakeService _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeService.StartAsync("files", (app, _) =>
        {
            app.MapPost("/api/files/raw/upload", async (HttpContext http) =>
            {
                // Reads the first chunk, says so, and only then the rest: proves the gateway sends as it receives.
                var buffer = new byte[64 * 1024];
                long total = 0;
                int read;
                while ((read = await http.Request.Body.ReadAsync(buffer)) > 0)
                {
                    total += read;
                    _uploadFirstChunkSeen.TrySetResult();
                }

                return Results.Json(new { total });
            });
            app.MapGet("/api/files/raw/download", async (HttpContext http) =>
            {
                http.Response.ContentType = "application/octet-stream";
                var chunk = new byte[1024 * 1024];
                await http.Response.Body.WriteAsync(chunk);
                await http.Response.Body.FlushAsync();
                await _downloadFirstChunkRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
                await http.Response.Body.WriteAsync(chunk);
            });
            app.MapGet("/api/files/raw/big", async (HttpContext http) =>
            {
                http.Response.ContentType = "application/octet-stream";
                http.Response.ContentLength = HundredMegabytes;
                var chunk = Pattern(1024 * 1024);
                for (var i = 0; i < 100; i++)
                {
                    await http.Response.Body.WriteAsync(chunk);
                }
            });
            app.MapGet("/api/files/raw/events", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/event-stream";
                await http.Response.WriteAsync("data: first\n\n");
                await http.Response.Body.FlushAsync();
                await _firstEventRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
                await http.Response.WriteAsync("data: second\n\n");
            });
            app.MapGet("/api/files/raw/flood", async (HttpContext http) =>
            {
                // As fast as the gateway takes it: 200 MB, counting what it took.
                http.Response.ContentType = "application/octet-stream";
                var chunk = new byte[1024 * 1024];
                try
                {
                    for (var i = 0; i < 200; i++)
                    {
                        await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
                        Interlocked.Add(ref _flooded, chunk.Length);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                }
            });
            app.MapGet("/api/files/raw/endless", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/event-stream";
                try
                {
                    while (true)
                    {
                        await http.Response.WriteAsync("data: tick\n\n", http.RequestAborted);
                        await Task.Delay(50, http.RequestAborted);
                    }
                }
                catch (OperationCanceledException)
                {
                    _clientGone.TrySetResult();
                }
            });
        });
        _gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("files", "/api/files", "files", maxBody: 200L * 1024 * 1024)
            .Destinations("files", _upstream.Url));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_100_MB_upload_arrives_intact()
    {
        var content = new StreamContent(new PatternStream(HundredMegabytes));
        using var response = await _gateway.Client.PostAsync("/api/files/echo", content);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("bodyLength").GetInt64().ShouldBe(HundredMegabytes);
        answer.GetProperty("bodySha256").GetString().ShouldBe(PatternHash(HundredMegabytes));
    }

    [Fact]
    public async Task A_100_MB_download_arrives_intact()
    {
        using var response = await _gateway.Client.GetAsync("/api/files/raw/big", HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentLength.ShouldBe(HundredMegabytes);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            total += read;
        }

        total.ShouldBe(HundredMegabytes);
        Convert.ToHexString(sha.GetHashAndReset()).ShouldBe(PatternHash(HundredMegabytes));
    }

    [Fact]
    public async Task The_upload_reaches_the_service_before_the_client_has_finished_sending()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var content = new StreamContent(new GatedStream(1024 * 1024, gate.Task));
        var sending = _gateway.Client.PostAsync("/api/files/raw/upload", content);

        // The second half is held back until the service has seen the first: a buffering proxy would deadlock here.
        await _uploadFirstChunkSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        gate.SetResult();
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64().ShouldBe(2 * 1024 * 1024);
    }

    [Fact]
    public async Task The_download_reaches_the_client_before_the_service_has_finished_sending()
    {
        using var response = await _gateway.Client.GetAsync("/api/files/raw/download", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1024 * 1024];
        await body.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        _downloadFirstChunkRead.SetResult();
        await body.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        (await body.ReadAsync(buffer)).ShouldBe(0);
    }

    [Fact]
    public async Task Server_sent_events_arrive_one_by_one()
    {
        using var response = await _gateway.Client.GetAsync("/api/files/raw/events", HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);

        (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe("data: first");
        _firstEventRead.SetResult();
        await reader.ReadLineAsync();
        (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe("data: second");
    }

    [Fact]
    public async Task A_slow_client_holds_the_service_back_instead_of_filling_the_gateways_memory()
    {
        using var response = await _gateway.Client.GetAsync("/api/files/raw/flood", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.ReadExactlyAsync(new byte[1024 * 1024]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        // The client stops reading. Once the socket buffers and the gateway's bounded output are full, the
        // service must be stuck; a gateway that gathered reads without flushing would keep taking more.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        long before;
        do
        {
            before = Interlocked.Read(ref _flooded);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        while (Interlocked.Read(ref _flooded) != before && DateTime.UtcNow < deadline);

        Interlocked.Read(ref _flooded).ShouldBe(before, "the service kept writing with nobody reading");
        before.ShouldBeLessThan(64L * 1024 * 1024);
    }

    [Fact]
    public async Task A_client_that_goes_away_stops_the_upstream_call()
    {
        var response = await _gateway.Client.GetAsync("/api/files/raw/endless", HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        (await body.ReadAsync(new byte[16])).ShouldBeGreaterThan(0);
        response.Dispose();
        await body.DisposeAsync();

        await _clientGone.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 % 251);
        }

        return bytes;
    }

    private static string PatternHash(long length)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = new PatternStream(length);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            sha.AppendData(buffer.AsSpan(0, read));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>A long deterministic byte sequence generated on the fly (never held in memory).</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private static readonly byte[] Block = Pattern(1024 * 1024);
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - _position);
            var written = 0;
            while (written < count)
            {
                var inBlock = (int)(_position % Block.Length);
                var n = Math.Min(count - written, Block.Length - inBlock);
                Block.AsSpan(inBlock, n).CopyTo(buffer[written..]);
                written += n;
                _position += n;
            }

            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Gives <paramref name="half"/> bytes, then waits for the gate before giving as many again.</summary>
    private sealed class GatedStream(int half, Task gate) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position == half)
            {
                await gate.WaitAsync(cancellationToken);
            }

            var limit = _position < half ? half : 2L * half;
            var count = (int)Math.Min(buffer.Length, limit - _position);
            buffer.Span[..count].Fill(7);
            _position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
