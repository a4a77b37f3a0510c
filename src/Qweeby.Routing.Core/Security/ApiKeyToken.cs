using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Qweeby.Routing.Core.Security;

/// <summary>
/// An API key as the caller holds it: <c>qk_&lt;key id&gt;_&lt;secret&gt;</c>. The key id (16 lowercase hex
/// digits) is public and names the stored credential; the secret (32 random bytes, base64url) is shown
/// once at creation and only its SHA-256 is stored. <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed class ApiKeyToken
{
    public const string Prefix = "qk_";
    public const int KeyIdLength = 16;
    private const int SecretBytes = 32;
    private const int MinSecretLength = 43; // 32 bytes in unpadded base64url
    private const int MaxSecretLength = 128;

    // Base64Url.IsValid would also take whitespace and padding; a token is exactly these characters.
    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private ApiKeyToken(string keyId, string secret)
    {
        KeyId = keyId;
        Secret = secret;
    }

    public string KeyId { get; }

    public string Secret { get; }

    /// <summary>The whole token, to print once and to send as <c>authorization: Bearer …</c>.</summary>
    public string Value => $"{Prefix}{KeyId}_{Secret}";

    public static ApiKeyToken Generate() => new(
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2)),
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes)));

    /// <summary>Reads a token; false for anything not shaped like one (never throws).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ApiKeyToken? token)
    {
        token = null;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var rest = text.AsSpan(Prefix.Length);
        if (rest.Length < KeyIdLength + 1 + MinSecretLength || rest[KeyIdLength] != '_')
            return false;
        var keyId = rest[..KeyIdLength];
        var secret = rest[(KeyIdLength + 1)..];
        if (!IsKeyId(keyId) || secret.Length > MaxSecretLength || secret.ContainsAnyExcept(Base64UrlAlphabet))
            return false;
        token = new ApiKeyToken(keyId.ToString(), secret.ToString());
        return true;
    }

    public static bool IsKeyId(ReadOnlySpan<char> text) =>
        text.Length == KeyIdLength && !text.ContainsAnyExcept("0123456789abcdef");

    /// <summary>
    /// SHA-256 of the secret: what is stored. A fast hash is right here because the secret is 256 random
    /// bits, not a password: no dictionary to try, and brute force of 2^256 is out of reach with any hash.
    /// Slow hashes (bcrypt, Argon2) exist to stretch low-entropy passwords and would only slow every call.
    /// </summary>
    public byte[] SecretHash() => HashSecret(Secret);

    public static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public override string ToString() => $"{Prefix}{KeyId}_…";
}
