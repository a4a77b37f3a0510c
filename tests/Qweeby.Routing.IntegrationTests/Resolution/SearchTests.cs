using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Resolution;

public sealed class SearchTests(DirectoryFixture fx) : IClassFixture<DirectoryFixture>
{
    /// <summary>A word no other test uses, so each test sees only its own entities.</summary>
    private static string Word() => new(Enumerable.Range(0, 7).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());

    [Fact]
    public async Task Name_search_is_case_and_accent_insensitive_and_ranks_exact_then_prefix_then_word_then_anywhere()
    {
        var w = Word();
        var anywhere = await fx.Seed.EntityAsync($"Anti{w}é Corp", []);
        var word = await fx.Seed.EntityAsync($"Groupe Éclair{w}", []);
        var prefix = await fx.Seed.EntityAsync($"Éclair{w} Holding", []);
        var exact = await fx.Seed.EntityAsync($"Éclair{w}", []);

        var reply = await fx.Client.SearchAsync(new SearchRequest { Query = $"ECLAIR{w.ToUpperInvariant()}" });
        var anywhereReply = await fx.Client.SearchAsync(new SearchRequest { Query = $"{w}E" });

        Assert.Equal(QueryKind.Name, reply.MatchedAs);
        Assert.Equal([exact, prefix, word], reply.Hits.Select(h => Guid.Parse(h.Recipient.EntityId)));
        Assert.True(reply.Hits[0].Score > reply.Hits[1].Score && reply.Hits[1].Score > reply.Hits[2].Score);
        Assert.Equal(anywhere, Guid.Parse(Assert.Single(anywhereReply.Hits).Recipient.EntityId));
    }

    [Fact]
    public async Task Pages_follow_each_other_without_overlap_until_the_last_one()
    {
        var w = Word();
        var created = new HashSet<string>();
        for (var i = 0; i < 25; i++)
            created.Add((await fx.Seed.EntityAsync($"Page{w} {i:00}", [])).ToString());

        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var reply = await fx.Client.SearchAsync(new SearchRequest { Query = $"page{w}", PageSize = 10, PageToken = token });
            seen.AddRange(reply.Hits.Select(h => h.Recipient.EntityId));
            token = reply.NextPageToken;
            pages++;
        }
        while (token != "");

        Assert.Equal(3, pages);
        Assert.Equal(25, seen.Count);
        Assert.True(created.SetEquals(seen));
    }

    [Fact]
    public async Task A_page_token_of_another_query_is_refused()
    {
        var w = Word();
        for (var i = 0; i < 3; i++)
            await fx.Seed.EntityAsync($"Tok{w} {i}", []);
        var first = await fx.Client.SearchAsync(new SearchRequest { Query = $"tok{w}", PageSize = 1 });

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => fx.Client.SearchAsync(new SearchRequest { Query = $"other{w}", PageToken = first.NextPageToken }).ResponseAsync);

        Assert.Equal("page_token", Assert.Single(failure.Violations()).Field);
    }

    [Fact]
    public async Task An_identifier_query_finds_the_entity_with_its_status_and_public_providers()
    {
        var r = await fx.RecipientAsync($"Ident{Word()}");

        var reply = await fx.Client.SearchAsync(new SearchRequest { Query = $"FR {TestIds.Vat(r.Siren)[2..]}" });

        Assert.Equal(QueryKind.Identifier, reply.MatchedAs);
        var hit = Assert.Single(reply.Hits);
        Assert.Equal((r.Id.ToString(), EntityStatus.Active), (hit.Recipient.EntityId, hit.Recipient.Status));
        Assert.Equal(r.Provider, Assert.Single(hit.Providers).ProviderId);
    }

    [Fact]
    public async Task A_deactivated_entity_shows_as_non_existent_at_once()
    {
        var w = Word();
        var id = await fx.Seed.EntityAsync($"Closed{w} SARL", []);
        await fx.Seed.DeactivateAsync(id);

        var reply = await fx.Client.SearchAsync(new SearchRequest { Query = $"closed{w}" });

        Assert.Equal(EntityStatus.NonExistent, Assert.Single(reply.Hits).Recipient.Status);
    }

    [Theory]
    [InlineData("ab", "query", "TOO_SHORT")]
    [InlineData("  a ", "query", "TOO_SHORT")]
    public async Task A_query_shorter_than_three_characters_is_refused(string query, string field, string reason)
    {
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => fx.Client.SearchAsync(new SearchRequest { Query = query }).ResponseAsync);

        var violation = Assert.Single(failure.Violations());
        Assert.Equal((field, reason), (violation.Field, violation.Reason));
    }

    [Fact]
    public async Task A_page_size_over_the_maximum_is_refused_with_the_maximum()
    {
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => fx.Client.SearchAsync(new SearchRequest { Query = "anything", PageSize = 1000 }).ResponseAsync);

        Assert.Contains("100", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Like_wildcards_in_a_query_are_matched_literally()
    {
        var w = Word();
        await fx.Seed.EntityAsync($"Wild{w} 100% Bio", []);
        await fx.Seed.EntityAsync($"Wild{w} 1000 Bio", []);

        var reply = await fx.Client.SearchAsync(new SearchRequest { Query = $"{w} 100%" });

        Assert.Single(reply.Hits);
    }

    [Fact]
    public async Task Pages_run_from_the_word_start_matches_into_the_matches_inside_words_in_one_order()
    {
        // Word-start matches come from the word index until they no longer fill a page, then the trigram index
        // ranks them all again with the matches inside words: the pages must still follow one order.
        var w = Word();
        var wordStart = new List<string>();
        var inside = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            wordStart.Add((await fx.Seed.EntityAsync($"Groupe Mix{w} Nord {i}", [])).ToString());
            inside.Add((await fx.Seed.EntityAsync($"Remix{w} Nord {i}", [])).ToString());
        }

        var seen = new List<string>();
        var token = "";
        do
        {
            var reply = await fx.Client.SearchAsync(new SearchRequest { Query = $"mix{w} nord", PageSize = 3, PageToken = token });
            seen.AddRange(reply.Hits.Select(h => h.Recipient.EntityId));
            token = reply.NextPageToken;
        }
        while (token != "");

        Assert.Equal(10, seen.Count);
        Assert.True(wordStart.ToHashSet().SetEquals(seen.Take(5)));
        Assert.True(inside.ToHashSet().SetEquals(seen.Skip(5)));
    }

    [Theory]
    [InlineData("Zed{0} & | ! Co")]
    [InlineData("Zed{0} l'atelier")]
    [InlineData("Zed{0} a:* (b) <-> c")]
    [InlineData(@"Zed{0} back\slash")]
    public async Task Words_that_are_text_search_operators_are_matched_literally(string pattern)
    {
        var w = Word();
        var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, w);
        var entity = await fx.Seed.EntityAsync(name, []);
        await fx.Seed.EntityAsync($"Zed{w} Other", []);

        var whole = await fx.Client.SearchAsync(new SearchRequest { Query = name });
        var tail = await fx.Client.SearchAsync(new SearchRequest { Query = name[..^2] });

        Assert.Equal(entity.ToString(), Assert.Single(whole.Hits).Recipient.EntityId);
        Assert.Equal(entity.ToString(), Assert.Single(tail.Hits).Recipient.EntityId);
    }
}
