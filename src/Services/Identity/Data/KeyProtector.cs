using System.Security.Cryptography;
using System.Text;

namespace Brigade.Identity.Data;

/// <summary>
/// Encrypts signing keys' private halves with AES-256-GCM under <c>Identity:KeyEncryptionKey</c>; the
/// key id is authenticated too, so a stored key cannot be moved under another id.
/// Stored form: nonce (12) || ciphertext || tag (16).
/// </summary>
public sealed class KeyProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public KeyProtector(string keyEncryptionKey)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(keyEncryptionKey);
        }
        catch (FormatException)
        {
            key = [];
        }

        if (key.Length != 32)
        {
            throw new InvalidOperationException("Setting 'Identity:KeyEncryptionKey' must be the base64 encoding of 32 random bytes (e.g. `openssl rand -base64 32`).");
        }

        _key = key;
    }

    public byte[] Protect(string keyId, ReadOnlySpan<byte> plaintext)
    {
        var sealedKey = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedKey.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedKey.AsSpan(NonceSize, plaintext.Length), sealedKey.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(keyId));
        return sealedKey;
    }

    /// <summary>Decrypts; a wrong key-encryption key or a tampered record throws <see cref="CryptographicException"/>.</summary>
    public byte[] Unprotect(string keyId, ReadOnlySpan<byte> sealedKey)
    {
        if (sealedKey.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Stored signing key is truncated.");
        }

        var plaintext = new byte[sealedKey.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedKey[..NonceSize], sealedKey.Slice(NonceSize, plaintext.Length), sealedKey[^TagSize..], plaintext, Encoding.UTF8.GetBytes(keyId));
        return plaintext;
    }
}
