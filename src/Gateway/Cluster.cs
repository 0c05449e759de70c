namespace Brigade.Gateway;

/// <summary>A service as the gateway sees it: its replicas (from <c>Services:&lt;name&gt;</c>) and its timeouts.</summary>
public sealed class Cluster(string name)
{
    private volatile Destination[] _destinations = [];
    private volatile ClusterOptions _options = new();

    public string Name { get; } = name;

    public Destination[] Destinations => _destinations;

    public ClusterOptions Options => _options;

    /// <summary>Replaces the replica list, keeping the state of replicas whose URL did not change.</summary>
    internal void Update(IReadOnlyList<string> urls, ClusterOptions options, CircuitOptions circuit)
    {
        var current = _destinations;
        var next = new List<Destination>(urls.Count);
        foreach (var url in urls)
        {
            var trimmed = url.Trim().TrimEnd('/');
            if (trimmed.Length == 0 || next.Any(d => d.Url.Equals(trimmed, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var existing = Array.Find(current, d => d.Url.Equals(trimmed, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                existing.Reconfigure(circuit);
                next.Add(existing);
            }
            else if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                next.Add(new Destination(trimmed, circuit));
            }
        }

        _options = options;
        _destinations = [.. next];
    }
}
