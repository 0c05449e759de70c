using System.Security.Cryptography;
using Brigade.Identity.Domain;
using Brigade.Security;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Brigade.Identity.Data;

/// <summary>A private key that signs access tokens now (with IdentityModel's JsonWebTokenHandler; <c>kid</c> in the header).</summary>
public sealed class SigningKey(string keyId, ECDsa key)
{
    private readonly Lock _lock = new();
    private readonly SigningCredentials _credentials = AccessTokens.Credentials(keyId, key);

    public string KeyId { get; } = keyId;

    public string Sign(AccessTokenDescriptor token)
    {
        lock (_lock)
        {
            return AccessTokens.Issue(token, _credentials);
        }
    }
}

/// <summary>
/// Identity's signing keys, kept in the database so every replica signs and validates with the same set.
/// Keys are read into memory (again every 30 s, or at once for an unknown <c>kid</c>); creating and rotating
/// a key happens under a transaction-scoped advisory lock so replicas starting together create one key.
/// Identity validates its own tokens with this ring (it is its <see cref="IValidationKeys"/>).
/// </summary>
public sealed class SigningKeyRing(
    NpgsqlDataSource db,
    KeyProtector protector,
    TimeProvider clock,
    IOptions<IdentityOptions> options,
    ILogger<SigningKeyRing> logger) : IValidationKeys
{
    private const long LockKey = 0x49_44_4B_45_59_53; // "IDKEYS"
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinReload = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IReadOnlyList<StoredKey> _keys = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    private TimeSpan TokenLifetime => options.Value.AccessTokenLifetime;

    public SecurityKey? Find(string keyId)
    {
        if (clock.GetUtcNow() - _loadedAt > CacheFor)
        {
            _ = ReloadAsync(CacheFor, CancellationToken.None);
        }

        var keys = _keys;
        var key = keys.FirstOrDefault(k => k.Schedule.KeyId == keyId);
        return key is not null && KeySchedule.IsPublished(key.Schedule, Schedules(keys), clock.GetUtcNow(), TokenLifetime) ? key.PublicKey : null;
    }

    public Task RefreshAsync(CancellationToken cancellationToken) => ReloadAsync(MinReload, cancellationToken);

    /// <summary>The key that signs now, creating the first one if there is none.</summary>
    public async Task<SigningKey> GetSignerAsync(CancellationToken ct)
    {
        await ReloadAsync(CacheFor, ct);
        var signer = Signer();
        if (signer is null)
        {
            await EnsureKeyAsync(ct);
            signer = Signer() ?? throw new InvalidOperationException("No signing key is active.");
        }

        return signer.Signer.Value;
    }

    /// <summary>The keys validators must know: waiting, signing, and recently replaced.</summary>
    public async Task<JwksDocument> GetPublishedAsync(CancellationToken ct)
    {
        await ReloadAsync(CacheFor, ct);
        var keys = _keys;
        var schedules = Schedules(keys);
        var now = clock.GetUtcNow();
        return new JwksDocument(keys.Where(k => KeySchedule.IsPublished(k.Schedule, schedules, now, TokenLifetime))
            .OrderByDescending(k => k.Schedule.ActivatesAt)
            .Select(k => k.Jwk)
            .ToList());
    }

    /// <summary>Creates a key that signs at once when none does (first start).</summary>
    public Task<string?> EnsureKeyAsync(CancellationToken ct) =>
        ChangeAsync((keys, now) => KeySchedule.Signer(keys, now) is null ? now : null, ct);

    /// <summary>Schedules the next key when the current one is old enough (see <see cref="KeySchedule.RotationDue"/>).</summary>
    public Task<string?> RotateIfDueAsync(CancellationToken ct)
    {
        var lead = TimeSpan.FromMinutes(options.Value.KeyPublishLeadMinutes);
        var period = TimeSpan.FromDays(options.Value.KeyRotationDays);
        return ChangeAsync((keys, now) => KeySchedule.RotationDue(keys, now, period, lead) ? now + lead : null, ct);
    }

    /// <summary>Schedules a new key now (published at once, signing after the publish lead) unless one already waits.</summary>
    public async Task<ScheduledKey> RotateAsync(CancellationToken ct)
    {
        var lead = TimeSpan.FromMinutes(options.Value.KeyPublishLeadMinutes);
        await ChangeAsync((keys, now) => keys.Any(k => k.ActivatesAt > now) ? null : now + lead, ct);
        var now = clock.GetUtcNow();
        return Schedules(_keys).Where(k => k.ActivatesAt > now).MaxBy(k => k.ActivatesAt)
            ?? Schedules(_keys).MaxBy(k => k.ActivatesAt)!; // a zero lead activates at once
    }

    /// <summary>Deletes keys that no unexpired token can name.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = KeySchedule.Expired(Schedules(_keys), now, TokenLifetime).Select(k => k.KeyId).ToArray();
        if (expired.Length == 0)
        {
            return 0;
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var deleted = await connection.ExecuteAsync(new CommandDefinition("DELETE FROM signing_keys WHERE kid = ANY (@expired)", new { expired }, cancellationToken: ct));
        await ReloadAsync(TimeSpan.Zero, ct);
        return deleted;
    }

    private StoredKey? Signer()
    {
        var keys = _keys;
        var signer = KeySchedule.Signer(Schedules(keys), clock.GetUtcNow());
        return signer is null ? null : keys.First(k => k.Schedule.KeyId == signer.KeyId);
    }

    private async Task<string?> ChangeAsync(Func<IReadOnlyCollection<ScheduledKey>, DateTimeOffset, DateTimeOffset?> decide, CancellationToken ct)
    {
        string? created = null;
        await db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct));
            var now = clock.GetUtcNow();
            var existing = (await c.QueryAsync<KeyRow>(new CommandDefinition(
                "SELECT kid AS Kid, activates_at AS ActivatesAt FROM signing_keys", transaction: tx, cancellationToken: ct)))
                .Select(k => new ScheduledKey(k.Kid, k.ActivatesAt)).ToList();
            if (decide(existing, now) is not { } activatesAt)
            {
                return false;
            }

            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var kid = $"{now:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
            var jwk = PublicJwk.Of(kid, key);
            var pkcs8 = key.ExportPkcs8PrivateKey();
            try
            {
                await c.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO signing_keys (kid, x, y, private_key, created_at, activates_at)
                    VALUES (@kid, @X, @Y, @sealedKey, @now, @activatesAt)
                    """, new { kid, jwk.X, jwk.Y, sealedKey = protector.Protect(kid, pkcs8), now, activatesAt }, tx, cancellationToken: ct));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }

            created = kid;
            return true;
        }, ct);

        if (created is not null)
        {
            logger.LogInformation("Created signing key {KeyId}", created);
        }

        await ReloadAsync(TimeSpan.Zero, ct);
        return created;
    }

    private async Task ReloadAsync(TimeSpan maxAge, CancellationToken ct)
    {
        if (clock.GetUtcNow() - _loadedAt < maxAge)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (maxAge > TimeSpan.Zero && clock.GetUtcNow() - _loadedAt < maxAge)
            {
                return;
            }

            await using var connection = await db.OpenConnectionAsync(ct);
            var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
                "SELECT kid AS Kid, x AS X, y AS Y, private_key AS PrivateKey, activates_at AS ActivatesAt FROM signing_keys",
                cancellationToken: ct));
            var known = _keys.ToDictionary(k => k.Schedule.KeyId);
            _keys = rows.Select(r => known.GetValueOrDefault(r.Kid) ?? Load(r)).Where(k => k is not null).ToList()!;
            _loadedAt = clock.GetUtcNow();
        }
        finally
        {
            _gate.Release();
        }
    }

    private StoredKey? Load(KeyRow row)
    {
        var jwk = new PublicJwk(JsonWebAlgorithmsKeyTypes.EllipticCurve, JsonWebKeyECTypes.P256, row.X, row.Y, row.Kid, JsonWebKeyUseNames.Sig, SecurityAlgorithms.EcdsaSha256);
        if (SigningKeys.ToPublicKey(new JsonWebKey { Kty = jwk.Kty, Crv = jwk.Crv, X = jwk.X, Y = jwk.Y, Kid = jwk.Kid }) is not { } publicKey)
        {
            logger.LogError("Signing key {KeyId} has an unusable public key; ignoring it", row.Kid);
            return null;
        }

        return new StoredKey(new ScheduledKey(row.Kid, row.ActivatesAt), jwk, publicKey, new Lazy<SigningKey>(() =>
        {
            var pkcs8 = protector.Unprotect(row.Kid, row.PrivateKey);
            try
            {
                var key = ECDsa.Create();
                key.ImportPkcs8PrivateKey(pkcs8, out _);
                return new SigningKey(row.Kid, key);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }
        }));
    }

    private static List<ScheduledKey> Schedules(IReadOnlyList<StoredKey> keys) => keys.Select(k => k.Schedule).ToList();

    private sealed record StoredKey(ScheduledKey Schedule, PublicJwk Jwk, SecurityKey PublicKey, Lazy<SigningKey> Signer);

    private sealed class KeyRow
    {
        public string Kid { get; init; } = "";
        public string X { get; init; } = "";
        public string Y { get; init; } = "";
        public byte[] PrivateKey { get; init; } = [];
        public DateTimeOffset ActivatesAt { get; init; }
    }
}
