using System.Text;

namespace Brigade.Gateway;

internal sealed record ResponseHead(int Status, List<KeyValuePair<string, string>> Headers);

/// <summary>Reads an HTTP/1.1 response head and then its body (by length, chunked, or to the end) off a raw stream.</summary>
internal sealed class ResponseReader(Stream stream)
{
    private const int MaxHead = 32 * 1024;

    private readonly byte[] _buffer = new byte[MaxHead];
    private int _start;
    private int _end;

    public async Task<ResponseHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = _buffer.AsSpan(0, _end).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                _start = end + 4;
                return Parse(Encoding.Latin1.GetString(_buffer, 0, end));
            }

            if (_end == _buffer.Length)
            {
                throw new InvalidDataException("The upstream response head is too large.");
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                throw new IOException("The upstream closed the connection before answering.");
            }

            _end += read;
        }
    }

    /// <summary>Bytes that arrived after the head (the first WebSocket frames, say).</summary>
    public ReadOnlyMemory<byte> TakeBuffered()
    {
        var rest = _buffer.AsMemory(_start, _end - _start);
        _start = _end;
        return rest;
    }

    public async Task CopyAsync(Stream destination, long? length, CancellationToken cancellationToken)
    {
        var remaining = length ?? long.MaxValue;
        var buffer = new byte[16 * 1024];
        while (remaining > 0)
        {
            var read = await ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
            if (read == 0)
            {
                if (length is not null)
                {
                    throw new IOException("The upstream response ended early.");
                }

                return;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            remaining -= read;
        }
    }

    public async Task CopyChunkedAsync(Stream destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            var semicolon = line.IndexOf(';');
            var size = Convert.ToInt64((semicolon < 0 ? line : line[..semicolon]).Trim(), 16);
            if (size == 0)
            {
                while ((await ReadLineAsync(cancellationToken)).Length > 0)
                {
                    // trailers are dropped
                }

                return;
            }

            await CopyAsync(destination, size, cancellationToken);
            await ReadLineAsync(cancellationToken);
        }
    }

    private async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (_start < _end)
        {
            var count = Math.Min(destination.Length, _end - _start);
            _buffer.AsMemory(_start, count).CopyTo(destination);
            _start += count;
            return count;
        }

        return await stream.ReadAsync(destination, cancellationToken);
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (newline >= 0)
            {
                var line = Encoding.Latin1.GetString(_buffer, _start, newline);
                _start += newline + 2;
                return line;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new InvalidDataException("A chunk header is too long.");
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                throw new IOException("The upstream response ended early.");
            }

            _end += read;
        }
    }

    private static ResponseHead Parse(string head)
    {
        var lines = head.Split("\r\n");
        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(statusLine[1], out var status))
        {
            throw new InvalidDataException("The upstream sent an invalid status line.");
        }

        var headers = new List<KeyValuePair<string, string>>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':');
            if (colon > 0)
            {
                headers.Add(new(lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
            }
        }

        return new ResponseHead(status, headers);
    }
}
