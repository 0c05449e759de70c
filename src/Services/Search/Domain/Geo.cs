namespace Brigade.Search.Domain;

/// <summary>Distances on the Earth's surface (a sphere of mean radius; good to a few metres at city scale).</summary>
public static class Geo
{
    private const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(double lat1, double lng1, double lat2, double lng2)
    {
        var dLat = Radians(lat2 - lat1);
        var dLng = Radians(lng2 - lng1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
                + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>
    /// A latitude/longitude box that holds every point within <paramref name="radiusKm"/> of the centre, for a cheap
    /// index range filter before the exact distance. Null longitude bounds when the box wraps the antimeridian or a pole.
    /// </summary>
    public static (double MinLat, double MaxLat, double? MinLng, double? MaxLng) Box(double lat, double lng, double radiusKm)
    {
        var dLat = radiusKm / EarthRadiusKm * 180 / Math.PI;
        var minLat = Math.Max(-90, lat - dLat);
        var maxLat = Math.Min(90, lat + dLat);
        var cos = Math.Cos(Radians(Math.Max(Math.Abs(minLat), Math.Abs(maxLat))));
        if (cos < 1e-6)
        {
            return (minLat, maxLat, null, null);
        }

        var dLng = dLat / cos;
        return lng - dLng < -180 || lng + dLng > 180 || dLng >= 180 ? (minLat, maxLat, null, null) : (minLat, maxLat, lng - dLng, lng + dLng);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
