using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Addressing;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Hosting.Options;
using Qweeby.Routing.Server.Grpc;

namespace Qweeby.Routing.Server.Directory;

/// <summary>
/// One query field for names and identifiers alike: a query that parses as an identifier is looked up
/// exactly (with its equivalents), anything else is a name fragment. The reply says which it was.
/// </summary>
public sealed class RecipientSearch(NameSearch names, RoutingFactsLoader facts, DirectoryLineReader lines, IOptions<LimitsOptions> limits)
{
    public const int DefaultPageSize = 20;
    public const int MinNameLength = 3;

    public async Task<SearchReply> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var query = request.Query.Trim();
        var pageSize = CheckPageSize(request.PageSize);
        if (PartyId.TryParse(query, out var id, out _) && query.Any(char.IsAsciiDigit))
            return await ByIdentifierAsync(id, ct);

        if (query.Length < MinNameLength)
            throw RpcErrors.Invalid("query", "TOO_SHORT", $"Search needs at least {MinNameLength} characters of a name, or an identifier.").ToException();
        var violations = new List<Google.Rpc.BadRequest.Types.FieldViolation>();
        DirectoryRequests.CheckText("query", query, violations);
        if (violations.Count > 0)
            throw RpcErrors.Invalid(violations).ToException();

        var offset = PageToken.Read(request.PageToken, query);
        var hits = await names.FindAsync(query, pageSize + 1, offset, ct);
        var page = hits.Take(pageSize).ToList();
        var reply = await ToReplyAsync(page.Select(h => h.EntityId).ToList(), page.Select(h => h.Score).ToList(), QueryKind.Name, ct);
        reply.NextPageToken = hits.Count > pageSize ? PageToken.Write(offset + pageSize, query) : "";
        return reply;
    }

    private async Task<SearchReply> ByIdentifierAsync(PartyId id, CancellationToken ct)
    {
        var found = await facts.FindByIdentifierAsync(id, ct);
        return await ToReplyAsync(found.Select(e => e.EntityId).ToList(), found.Select(_ => 1.0).ToList(), QueryKind.Identifier, ct);
    }

    private async Task<SearchReply> ToReplyAsync(IReadOnlyList<Guid> ids, IReadOnlyList<double> scores, QueryKind kind, CancellationToken ct)
    {
        var entities = await facts.LoadEntitiesInOrderAsync(ids, ct);
        var providers = (await facts.LoadProviderListAsync(ct)).ById;
        var targets = entities.Select(RoutingFactsLoader.TargetOf).ToList();
        var own = await lines.OwnLinesAsync([.. targets.OfType<LineTarget>()], MaxLinesPerHit, ct);
        var reply = new SearchReply { MatchedAs = kind };
        var next = 0;
        foreach (var ((entity, score), target) in entities.Zip(scores).Zip(targets))
        {
            var (hitLines, total) = target is null ? ([], 0) : own[next++];
            reply.Hits.Add(new SearchHit
            {
                Recipient = entity.ToProto(),
                Score = score,
                Providers = { ProvidersOf(entity, providers).Select(p => p.ToProto()) },
                Lines = { hitLines.Select(l => l.ToProto()) },
                LinesTotal = total,
            });
        }
        return reply;
    }

    /// <summary>
    /// A hit's lines: a SIREN with thousands of establishments (La Poste) has thousands of lines, which every hit of
    /// it would otherwise carry, up to a reply of megabytes.
    /// </summary>
    public const int MaxLinesPerHit = 20;

    private static IEnumerable<ProviderFacts> ProvidersOf(EntityFacts entity, IReadOnlyDictionary<string, ProviderFacts> providers) =>
        entity.Registrations.Select(r => providers.GetValueOrDefault(r.ProviderId)).OfType<ProviderFacts>().Where(p => p.IsActive);

    private int CheckPageSize(int requested) => requested switch
    {
        0 => Math.Min(DefaultPageSize, limits.Value.MaxPageSize),
        < 0 => throw OutOfRange(),
        _ when requested > limits.Value.MaxPageSize => throw OutOfRange(),
        _ => requested,
    };

    private RpcException OutOfRange() =>
        RpcErrors.Invalid("page_size", "OUT_OF_RANGE", $"Page size must be between 1 and {limits.Value.MaxPageSize}.").ToException();

    /// <summary>Opaque continuation: the next offset, bound to the query it continues.</summary>
    private static class PageToken
    {
        public static string Write(int offset, string query) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{offset}:{Fingerprint(query)}"));

        public static int Read(string token, string query)
        {
            if (token.Length == 0)
                return 0;
            try
            {
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
                if (parts.Length == 2 && int.TryParse(parts[0], out var offset) && offset >= 0 && parts[1] == Fingerprint(query))
                    return offset;
            }
            catch (FormatException)
            {
            }
            throw RpcErrors.Invalid("page_token", "FORMAT", "This page token does not belong to this query: start again without a token.").ToException();
        }

        private static string Fingerprint(string query) =>
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(query)), 0, 6);
    }
}
