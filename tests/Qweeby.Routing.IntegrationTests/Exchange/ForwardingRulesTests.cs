using Grpc.Core;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Server.Exchange;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>The pure parts of forwarding: backoff and the sorting of partners' errors.</summary>
public sealed class ForwardingRulesTests
{
    private static readonly ExchangeOptions Options = new()
    {
        RetryInitialDelay = TimeSpan.FromSeconds(5),
        RetryMaxDelay = TimeSpan.FromMinutes(10),
        MaxAttempts = 5,
        MaxAge = TimeSpan.FromHours(1),
    };

    private static readonly RetrySchedule Schedule = new(Microsoft.Extensions.Options.Options.Create(Options));

    [Theory]
    [InlineData(1, 2.5, 5)]
    [InlineData(2, 5, 10)]
    [InlineData(4, 20, 40)]
    [InlineData(10, 300, 600)]
    [InlineData(100, 300, 600)]
    public void Backoff_doubles_from_the_initial_delay_up_to_the_cap_with_half_of_it_jittered(int attempt, double minSeconds, double maxSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(minSeconds), Schedule.DelayAfter(attempt, 0));
        Assert.InRange(Schedule.DelayAfter(attempt, 0.999999), TimeSpan.FromSeconds(maxSeconds) - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(maxSeconds));
    }

    [Fact]
    public void No_attempt_follows_the_last_allowed_one_or_the_maximum_age()
    {
        var queued = new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero);

        Assert.NotNull(Schedule.NextAttemptAt(4, queued, queued.AddMinutes(1), 0.5));
        Assert.Null(Schedule.NextAttemptAt(5, queued, queued.AddMinutes(1), 0.5));
        Assert.Null(Schedule.NextAttemptAt(1, queued, queued.AddHours(1), 0.5));
    }

    [Theory]
    [InlineData(StatusCode.NotFound, true)]
    [InlineData(StatusCode.FailedPrecondition, true)]
    [InlineData(StatusCode.InvalidArgument, true)]
    [InlineData(StatusCode.PermissionDenied, true)]
    [InlineData(StatusCode.AlreadyExists, true)]
    [InlineData(StatusCode.Unavailable, false)]
    [InlineData(StatusCode.DeadlineExceeded, false)]
    [InlineData(StatusCode.ResourceExhausted, false)]
    [InlineData(StatusCode.Internal, false)]
    [InlineData(StatusCode.Unauthenticated, false)]
    public void A_partners_refusal_of_the_invoice_is_permanent_and_anything_else_is_retried(StatusCode code, bool permanent)
    {
        var outcome = PartnerFailures.Classify(new RpcException(new Status(code, "partner says no")));

        Assert.Equal(permanent, outcome.Permanent);
        Assert.Equal("partner says no", outcome.ErrorDetail);
    }

    [Fact]
    public void Error_codes_are_written_the_canonical_gRPC_way()
    {
        Assert.Equal("DEADLINE_EXCEEDED", PartnerFailures.CodeName(StatusCode.DeadlineExceeded));
        Assert.Equal("UNAVAILABLE", PartnerFailures.CodeName(StatusCode.Unavailable));
    }
}
