namespace Brigade.Gateway;

/// <summary>
/// Picks a replica: among the available ones (healthy, not ejected, circuit not open) take two at
/// random and send to the one with fewer requests in flight — "power of two choices", which tracks
/// least-outstanding closely without scanning or coordinating. Replicas already tried for this
/// request are skipped.
/// </summary>
public static class LoadBalancer
{
    public static Destination? Pick(Destination[] destinations, Destination? tried1 = null, Destination? tried2 = null, int? affinityKey = null)
    {
        var now = Environment.TickCount64;
        Span<int> candidates = destinations.Length <= 64 ? stackalloc int[destinations.Length] : new int[destinations.Length];
        var count = 0;
        for (var i = 0; i < destinations.Length; i++)
        {
            var destination = destinations[i];
            if (destination != tried1 && destination != tried2 && destination.IsAvailable(now))
            {
                candidates[count++] = i;
            }
        }

        switch (count)
        {
            case 0:
                return null;
            case 1:
                return destinations[candidates[0]];
        }

        if (affinityKey is { } key)
        {
            return destinations[candidates[(int)((uint)key % (uint)count)]];
        }

        var a = Random.Shared.Next(count);
        var b = Random.Shared.Next(count - 1);
        if (b >= a)
        {
            b++;
        }

        var first = destinations[candidates[a]];
        var second = destinations[candidates[b]];
        return second.Outstanding < first.Outstanding ? second : first;
    }
}
