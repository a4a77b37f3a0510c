using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.IntegrationTests.Lines;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>
/// Every string field of the directory and lines RPCs, tried with SQL injection, control characters,
/// oversized, odd Unicode and non-UTF-8 values: each gets a clear answer (never INTERNAL or UNKNOWN) and
/// nothing is written.
/// </summary>
public sealed class HostileInputTests(LinesFixture fx) : IClassFixture<LinesFixture>
{
    public static readonly TheoryData<string> Hostile =
    [
        "' OR '1'='1",
        "732829320'; DROP TABLE entity; --",
        "0009:73282932000074\0",
        "\u0007\u001b[31m\r\n",
        new string('9', 100_000),
        "\u202Eevil\u202C",
        "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00",
        "%_\\%",
        ":",
    ];

    private static readonly StatusCode[] Clear =
        [StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition, StatusCode.ResourceExhausted, StatusCode.OK];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Every_directory_field_answers_a_hostile_value_clearly_and_writes_nothing(string value)
    {
        var before = await CountsAsync();
        var d = fx.Directory;
        Func<Task>[] calls =
        [
            () => d.ResolveAsync(new ResolveRequest { Sender = value, Recipient = new RecipientReference { Identifier = "732829320" } }).ResponseAsync,
            () => d.ResolveAsync(new ResolveRequest { Recipient = new RecipientReference { Identifier = value } }).ResponseAsync,
            () => d.ResolveAsync(new ResolveRequest { Sender = "732829320", Recipient = new RecipientReference { CustomerNumber = value } }).ResponseAsync,
            () => d.ResolveAsync(new ResolveRequest { Recipient = new RecipientReference { Identifier = "732829320" }, DocumentType = value, Process = value }).ResponseAsync,
            () => d.ExplainAsync(new ResolveRequest { Recipient = new RecipientReference { Identifier = value } }).ResponseAsync,
            () => d.ResolveBatchAsync(new ResolveBatchRequest { Sender = value, Recipients = { new RecipientReference { Identifier = value } } }).ResponseAsync,
            () => d.ResolveBatchAsync(new ResolveBatchRequest { Recipients = { new RecipientReference { Identifier = value }, new RecipientReference { CustomerNumber = value } } }).ResponseAsync,
            () => d.SearchAsync(new SearchRequest { Query = value }).ResponseAsync,
            () => d.SearchAsync(new SearchRequest { Query = "demo", PageToken = value }).ResponseAsync,
            () => fx.Lines.CreateLineAsync(new CreateLineRequest
            {
                LineId = value, Siren = value, Siret = value, RoutingCode = value, Suffix = value, PlatformId = value,
                ValidFrom = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            }).ResponseAsync,
            () => fx.Lines.CreateLineAsync(new CreateLineRequest { Siren = "732829320", PlatformId = value, ValidFrom = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) }).ResponseAsync,
            () => fx.Lines.EndLineAsync(new EndLineRequest { LineId = value, At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) }).ResponseAsync,
            () => fx.Lines.SwitchProviderAsync(new SwitchProviderRequest { Address = value, PlatformId = value }).ResponseAsync,
            () => fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = value }).ResponseAsync,
        ];

        for (var i = 0; i < calls.Length; i++)
        {
            var status = await StatusOfAsync(calls[i]);
            Assert.True(Clear.Contains(status.StatusCode), $"call {i} answered {status.StatusCode} ({status.Detail}) to a hostile value");
            Assert.DoesNotContain("Exception", status.Detail, StringComparison.Ordinal);
        }
        Assert.Equal(before, await CountsAsync());
    }

    private static async Task<Status> StatusOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return Status.DefaultSuccess;
        }
        catch (RpcException e)
        {
            return e.Status;
        }
    }

    private async Task<(long Entities, long Identifiers, long Lines)> CountsAsync()
    {
        await using var cmd = fx.Database.DataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM entity), (SELECT count(*) FROM entity_identifier), (SELECT count(*) FROM directory_line)");
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
