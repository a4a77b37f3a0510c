using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.IntegrationTests.Lines;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>
/// Strings that are not UTF-8 (which a generated client cannot even send) are refused with INVALID_ARGUMENT
/// naming the field, reason ENCODING, before any service runs: never UNKNOWN, nothing written.
/// </summary>
public sealed class NonUtf8RequestTests(LinesFixture fx) : IClassFixture<LinesFixture>
{
    private const string Marker = "MARKER-0123456789";

    public static readonly TheoryData<string> NotUtf8 =
    [
        "FF",
        "C328",     // a lead byte followed by ASCII
        "C080",     // overlong NUL
        "EDA080",   // a UTF-16 surrogate encoded (CESU-8)
        "F4908080", // past U+10FFFF
        "E282",     // cut short
    ];

    private static readonly Method<byte[], byte[]> Resolve = RawCalls.Method(MethodType.Unary, "qweeby.routing.v1.RecipientDirectory", "Resolve");
    private static readonly Method<byte[], byte[]> ResolveBatch = RawCalls.Method(MethodType.Unary, "qweeby.routing.v1.RecipientDirectory", "ResolveBatch");
    private static readonly Method<byte[], byte[]> CreateLine = RawCalls.Method(MethodType.Unary, "qweeby.routing.admin.v1.DirectoryLines", "CreateLine");
    private static readonly Method<byte[], byte[]> Watch = RawCalls.Method(MethodType.ServerStreaming, "qweeby.routing.v1.Exchange", "WatchTransmissions");

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public async Task A_recipient_identifier_that_is_not_utf8_is_invalid_argument_naming_the_field(string invalidHex)
    {
        var request = RawCalls.WithBytes(new ResolveRequest { Recipient = new RecipientReference { Identifier = Marker } }, Marker,
            Convert.FromHexString(invalidHex));

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Routing.AsyncUnaryCall(Resolve, null, new CallOptions(), request).ResponseAsync);

        var violation = Assert.Single(failure.Violations());
        Assert.Equal(("recipient.identifier", "ENCODING"), (violation.Field, violation.Reason));
        Assert.Equal("INVALID_REQUEST", failure.Reason());
    }

    [Fact]
    public async Task A_repeated_field_is_named_with_its_index()
    {
        var request = RawCalls.WithBytes(new ResolveBatchRequest
        {
            Recipients = { new RecipientReference { Identifier = "732829320" }, new RecipientReference { CustomerNumber = Marker } },
        }, Marker, [0xFF]);

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Routing.AsyncUnaryCall(ResolveBatch, null, new CallOptions(), request).ResponseAsync);

        Assert.Equal("recipients[1].customer_number", Assert.Single(failure.Violations()).Field);
    }

    [Fact]
    public async Task The_same_bytes_in_utf8_reach_the_service()
    {
        var request = new ResolveRequest { Recipient = new RecipientReference { Identifier = "0009:" + Marker } }.ToByteArray();

        // The service answers (the identifier is no SIRET): the check let the body through intact.
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Routing.AsyncUnaryCall(Resolve, null, new CallOptions(), request).ResponseAsync);
        Assert.NotEqual("ENCODING", Assert.Single(failure.Violations()).Reason);
    }

    [Fact]
    public async Task A_server_streaming_call_is_checked_too()
    {
        var token = await TestCredentials.IssueAsync(fx.Database, [Role.Submit]);
        var request = RawCalls.WithBytes(new WatchTransmissionsRequest { Sender = "732829320", Cursor = Marker }, Marker, [0xFF]);

        using var call = fx.Routing.CallInvokerFor(token).AsyncServerStreamingCall(Watch, null, new CallOptions(), request);
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => call.ResponseStream.MoveNext());

        Assert.Equal("cursor", Assert.Single(failure.Violations()).Field);
    }

    [Fact]
    public async Task An_admin_write_that_is_not_utf8_writes_nothing()
    {
        var admin = fx.Admin.CallInvokerFor(await TestCredentials.IssueAsync(fx.Database, [Role.PlatformAdministrator]));
        var request = RawCalls.WithBytes(new CreateLineRequest
        {
            Siren = "732829320", PlatformId = Marker, ValidFrom = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        }, Marker, [0xC0, 0x80]);
        var before = await LinesAsync();

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => admin.AsyncUnaryCall(CreateLine, null, new CallOptions(), request).ResponseAsync);

        Assert.Equal("platform_id", Assert.Single(failure.Violations()).Field);
        Assert.Equal(before, await LinesAsync());
    }

    [Fact]
    public async Task A_stranger_is_refused_before_its_body_is_looked_at()
    {
        var request = RawCalls.WithBytes(new ResolveRequest { Sender = Marker }, Marker, [0xFF]);

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated,
            () => fx.Routing.CallInvokerFor(TestCredentials.Unknown()).AsyncUnaryCall(Resolve, null, new CallOptions(), request).ResponseAsync);
    }

    private CallInvoker Routing => fx.Routing.CallInvokerFor(fx.ResolveToken);

    private async Task<long> LinesAsync()
    {
        await using var cmd = fx.Database.DataSource.CreateCommand("SELECT count(*) FROM directory_line");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
