namespace Brigade.Gateway.Edge;

/// <summary>
/// Client-supplied headers that only the gateway and the services may assert (<c>X-Internal-*</c>,
/// <c>X-User-*</c>, <c>X-Service-*</c>, <c>X-Brigade-*</c>; <c>Gateway:InternalHeaderPrefixes</c>) never reach
/// a service: a client cannot claim to be another user or a service.
/// </summary>
public static class InternalHeaders
{
    public static bool IsInternal(string name, IReadOnlyList<string> prefixes)
    {
        // Every prefix starts with "X-": one character rules out nearly every header.
        if (name.Length < 2 || (name[0] | 0x20) != 'x')
        {
            return false;
        }

        for (var i = 0; i < prefixes.Count; i++)
        {
            if (name.StartsWith(prefixes[i], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
