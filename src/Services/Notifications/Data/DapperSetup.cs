using System.Data;
using Dapper;

namespace Brigade.Notifications.Data;

/// <summary>Dapper conventions of this service: snake_case columns, <c>timestamptz</c> as UTC <see cref="DateTimeOffset"/>.</summary>
internal static class DapperSetup
{
    private static int _done;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
    }

    /// <summary>Npgsql reads <c>timestamptz</c> as a UTC <see cref="DateTime"/> and writes only offset-zero <see cref="DateTimeOffset"/>s.</summary>
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
