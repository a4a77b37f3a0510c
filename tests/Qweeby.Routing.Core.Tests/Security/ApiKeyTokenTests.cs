using CsCheck;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Core.Tests.Security;

public sealed class ApiKeyTokenTests
{
    [Fact]
    public void A_generated_token_parses_back_to_the_same_key_id_and_secret()
    {
        var token = ApiKeyToken.Generate();

        Assert.True(ApiKeyToken.TryParse(token.Value, out var parsed));
        Assert.Equal(token.KeyId, parsed.KeyId);
        Assert.Equal(token.Secret, parsed.Secret);
        Assert.Matches("^qk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", token.Value);
    }

    [Fact]
    public void A_token_printed_by_accident_does_not_show_its_secret()
    {
        var token = ApiKeyToken.Generate();

        Assert.DoesNotContain(token.Secret, token.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("qk_")]
    [InlineData("Bearer qk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("qk_0123456789ABCDEF_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("qk_0123456789abcdef_short")]
    [InlineData("qk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("qk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAA")]
    [InlineData("xx_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Text_not_shaped_like_a_token_is_refused(string text)
    {
        Assert.False(ApiKeyToken.TryParse(text, out _));
    }

    [Fact]
    public void Parsing_any_text_never_throws()
    {
        Gen.String.Sample(text => { ApiKeyToken.TryParse("qk_" + text, out _); ApiKeyToken.TryParse(text, out _); });
    }

    [Fact]
    public void A_key_accepts_its_own_secret_and_refuses_another()
    {
        var token = ApiKeyToken.Generate();
        var key = StoredKey(token, revokedAt: null);
        ApiKeyToken.TryParse($"{ApiKeyToken.Prefix}{token.KeyId}_{ApiKeyToken.Generate().Secret}", out var forged);

        Assert.Null(key.Refusal(token));
        Assert.Equal(SecurityReasons.CredentialsInvalid, key.Refusal(forged!));
    }

    [Fact]
    public void A_revoked_key_is_refused_as_revoked_only_to_the_holder_of_its_secret()
    {
        var token = ApiKeyToken.Generate();
        var key = StoredKey(token, revokedAt: DateTimeOffset.UnixEpoch);
        ApiKeyToken.TryParse($"{ApiKeyToken.Prefix}{token.KeyId}_{ApiKeyToken.Generate().Secret}", out var forged);

        Assert.Equal(SecurityReasons.CredentialsRevoked, key.Refusal(token));
        Assert.Equal(SecurityReasons.CredentialsInvalid, key.Refusal(forged!));
    }

    private static ApiKey StoredKey(ApiKeyToken token, DateTimeOffset? revokedAt) =>
        new(token.KeyId, "test", [Role.Resolve], EntityScope.All, token.SecretHash(), DateTimeOffset.UnixEpoch, "test", revokedAt);
}
