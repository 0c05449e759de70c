using System.Data;
using Dapper;

namespace Brigade.Data;

/// <summary>
/// Dapper conventions of every service: snake_case columns map to PascalCase members, and
/// <c>timestamptz</c> reads as a UTC <see cref="DateTimeOffset"/> (Npgsql returns a UTC
/// <see cref="DateTime"/> and accepts only offset-zero <see cref="DateTimeOffset"/>s).
/// </summary>
public static class DapperConventions
{
    private static int _applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
    }

    private sealed class UtcDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            DateTimeOffset offset => offset,
            _ => throw new DataException($"Cannot read {value.GetType()} as a DateTimeOffset."),
        };
    }
}
