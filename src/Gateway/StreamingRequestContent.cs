using System.IO.Pipelines;

namespace Brigade.Gateway;

/// <summary>
/// The client's request body, written to the upstream as it arrives. It reads Kestrel's pipe directly
/// (no intermediate buffer) and flushes each chunk so a slow upload streams rather than piles up.
/// </summary>
internal sealed class StreamingRequestContent(HttpRequest request) : HttpContent
{
    /// <summary>Set once the handler starts sending the body: from then on the request is not repeatable.</summary>
    public bool Started { get; private set; }

    /// <summary>The exception reading the client's body threw, if it did (e.g. 413 over the size limit).</summary>
    public Exception? ClientReadFailure { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        Started = true;
        var reader = request.BodyReader;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(cancellationToken);
            }
            catch (Exception e)
            {
                ClientReadFailure = e;
                throw;
            }

            var buffer = result.Buffer;
            foreach (var segment in buffer)
            {
                await stream.WriteAsync(segment, cancellationToken);
            }

            reader.AdvanceTo(buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                break;
            }

            if (!buffer.IsEmpty)
            {
                await stream.FlushAsync(cancellationToken);
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
