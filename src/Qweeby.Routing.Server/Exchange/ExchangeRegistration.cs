using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Server.Lifecycle;
using Qweeby.Routing.Hosting.Options;

namespace Qweeby.Routing.Server.Exchange;

public static class ExchangeRegistration
{
    /// <summary>Room for the envelope and framing around the largest document a call may carry.</summary>
    public const int EnvelopeAllowance = 1024 * 1024;

    /// <summary>The Exchange service (invoices and their lifecycle statuses), its stores, the partner channels and the outbox worker.</summary>
    public static WebApplicationBuilder AddExchange(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ExchangeOptions>().BindConfiguration(ExchangeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExchangeOptions>, ExchangeOptionsValidator>();
        services.AddOptions<PlatformOptions>().BindConfiguration(PlatformOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlatformOptions>, PlatformOptionsValidator>();
        // Submit and Receive carry whole documents: this service takes messages as large as the document
        // limit needs, even when Limits:MaxReceiveMessageBytes (every other service's limit) is smaller.
        services.AddOptions<GrpcServiceOptions<ExchangeService>>()
            .Configure<IOptions<ExchangeOptions>, IOptions<LimitsOptions>>((grpc, exchange, limits) =>
                grpc.MaxReceiveMessageSize = Math.Max(limits.Value.MaxReceiveMessageBytes, exchange.Value.MaxDocumentBytes + EnvelopeAllowance));

        services.AddSingleton<TransmissionStore>();
        services.AddSingleton<TransmissionEventLog>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<InboxStore>();
        services.AddSingleton<PartyLookup>();
        services.AddSingleton<InvoiceSubmission>();
        services.AddSingleton<UnapprovedSuppliers>();
        services.AddSingleton<InvoiceReception>();
        services.AddSingleton<TransmissionQueries>();
        services.AddSingleton<TransmissionWatch>();
        services.AddSingleton<InboxAccess>();
        services.AddSingleton<LifecycleStore>();
        services.AddSingleton<InboxEventLog>();
        services.AddSingleton<StatusSetting>();
        services.AddSingleton<TimelineQueries>();
        services.AddSingleton<InboxWatch>();
        services.AddSingleton<StatusReception>();
        services.AddSingleton<StatusForwarder>();

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxHandoff>();
        services.AddSingleton<ExchangeEventSignals>();
        services.AddSingleton<PartnerChannels>();
        services.AddSingleton<PartnerForwarder>();
        services.AddSingleton<RetrySchedule>();
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<EventSequencer>();
        return builder;
    }
}
