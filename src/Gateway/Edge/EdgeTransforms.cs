using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Brigade.Gateway.Edge;

/// <summary>
/// What the edge changes on the way through, added to every route's YARP transforms. Up: internal headers
/// and headers the client named in <c>Connection</c> are removed, <c>X-Forwarded-For/Proto/Host</c> are the
/// gateway's own (<see cref="ForwardedHeaders"/>, replacing YARP's default ones), <c>X-Request-Id</c> is set,
/// large bodies ask to be accepted first (<see cref="BodyLimits"/>). Down: headers the service named in
/// <c>Connection</c> are removed. The Host header is the destination's (YARP's default).
/// </summary>
public sealed class EdgeTransforms(Topology topology) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        context.UseDefaultForwarders = false;
        context.AddRequestTransform(TransformRequest);
        context.AddResponseTransform(TransformResponse);
    }

    private ValueTask TransformRequest(RequestTransformContext context)
    {
        var http = context.HttpContext;
        var upstream = context.ProxyRequest;
        var options = topology.Options;
        var incoming = http.Request.Headers;

        foreach (var (name, _) in incoming)
        {
            if (InternalHeaders.IsInternal(name, options.InternalHeaderPrefixes))
            {
                Remove(upstream, name);
            }
        }

        if (incoming.Connection.Count > 0)
        {
            HopByHopHeaders.ForEachNamed(incoming.Connection, upstream, static (request, name) => Remove(request, name));
        }

        var headers = upstream.Headers;
        var (forwardedFor, proto, host) = topology.Forwarded.For(http);
        Replace(headers, ForwardedHeaders.ForwardedFor, forwardedFor, incoming);
        Replace(headers, ForwardedHeaders.ForwardedProto, proto, incoming);
        Replace(headers, ForwardedHeaders.ForwardedHost, host, incoming);
        if (http.Features.Get<GatewayRequestState>() is { } state)
        {
            Replace(headers, RequestIds.Header, state.RequestId, incoming);
        }

        BodyLimits.ExpectContinue(http, upstream, options.Forwarder.ExpectContinueAbove);
        return default;
    }

    private static ValueTask TransformResponse(ResponseTransformContext context)
    {
        if (context.ProxyResponse?.Headers.NonValidated.TryGetValues("Connection", out var named) == true)
        {
            HopByHopHeaders.ForEachNamed(named.ToString(), context.HttpContext.Response.Headers, static (headers, name) => headers.Remove(name));
        }

        return default;
    }

    /// <summary>Sets a header the gateway owns; what the client sent under that name (copied by YARP) goes.</summary>
    private static void Replace(System.Net.Http.Headers.HttpRequestHeaders headers, string name, string value, IHeaderDictionary incoming)
    {
        if (incoming.ContainsKey(name))
        {
            headers.Remove(name);
        }

        headers.TryAddWithoutValidation(name, value);
    }

    /// <summary>A name a client chose may be malformed or belong to the other collection: both are only "not there".</summary>
    private static void Remove(HttpRequestMessage request, string name)
    {
        try
        {
            if (request.Headers.Remove(name))
            {
                return;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
        }

        try
        {
            request.Content?.Headers.Remove(name);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
        }
    }
}
