using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Hosting.Grpc;
using FieldViolation = Google.Rpc.BadRequest.Types.FieldViolation;
using ProtoParty = Qweeby.Routing.Contracts.V1.LifecycleParty;

namespace Qweeby.Routing.Server.Lifecycle;

/// <summary>
/// Checks lifecycle statuses set by callers (SetStatus) and delivered by partners (ReceiveStatus, and
/// those that come with an invoice on Receive), collecting every field violation before failing once.
/// </summary>
internal static partial class StatusParser
{
    public const int MaxReasonCodeLength = 64;
    public const int MaxCallerLength = 200;

    public static (Guid Id, ParsedStatus Status) ParseSet(SetStatusRequest request)
    {
        var violations = new List<FieldViolation>();
        if (!Guid.TryParse(request.TransmissionId, out var id))
            violations.Add(RpcErrors.Violation("transmission_id", request.TransmissionId.Length == 0 ? "REQUIRED" : "FORMAT",
                "The invoice's id here: the transmission_id Submit answered (supplier), or an InboxItem.transmission_id (buyer)."));
        var code = Code("code", request.Code, violations);
        Guid? statusId = null;
        if (request.StatusId.Length > 0)
        {
            if (Guid.TryParse(request.StatusId, out var given))
                statusId = given;
            else
                violations.Add(RpcErrors.Violation("status_id", "FORMAT", "A status id is a UUID of your choosing; leave it empty to let us choose."));
        }
        var (amount, currency) = Details("", request.ReasonCode, request.Reason, request.Amount, violations);
        RequiredDetails("", code, request.ReasonCode, request.Reason, request.Amount, violations);
        if (violations.Count > 0)
            throw RpcErrors.Invalid(violations.DistinctBy(v => v.Field).ToList()).ToException();
        return (id, new ParsedStatus(statusId, code!.Value, request.ReasonCode, request.Reason, amount, currency));
    }

    /// <summary>Why a status set by <paramref name="status"/>'s party cannot come from the access point at <paramref name="end"/>.</summary>
    public static string NotFromThatEnd(StatusFacts status, InvoiceSide end) =>
        $"A {status.SetBy.ToString().ToLowerInvariant()}'s status does not come from the {end.ToString().ToLowerInvariant()}'s access point.";

    /// <summary>A status another access point sends: recorded as set at <paramref name="platformId"/>, whatever it says. Null when invalid.</summary>
    public static StatusFacts? ParseTravelling(LifecycleStatus? s, string field, string platformId, DateTimeOffset now, List<FieldViolation> violations)
    {
        if (s is null)
        {
            violations.Add(RpcErrors.Violation(field, "REQUIRED", "Give the status: status_id, code, at and set_by."));
            return null;
        }
        var before = violations.Count;
        if (!Guid.TryParse(s.StatusId, out var statusId))
            violations.Add(RpcErrors.Violation($"{field}.status_id", s.StatusId.Length == 0 ? "REQUIRED" : "FORMAT", "The status id chosen where it was created, a UUID."));
        var code = Code($"{field}.code", s.Code, violations);
        var at = Time($"{field}.at", s.At, now, violations);
        Core.Lifecycle.LifecycleParty? party = s.SetBy switch
        {
            ProtoParty.Platform => Core.Lifecycle.LifecycleParty.Platform,
            ProtoParty.Buyer => Core.Lifecycle.LifecycleParty.Buyer,
            ProtoParty.Supplier => Core.Lifecycle.LifecycleParty.Supplier,
            _ => null,
        };
        if (party is null)
            violations.Add(RpcErrors.Violation($"{field}.set_by", "REQUIRED", "Say who set it: PLATFORM, BUYER or SUPPLIER."));
        if (s.SetByCaller.Length > MaxCallerLength || s.SetByCaller.Any(char.IsControl))
            violations.Add(RpcErrors.Violation($"{field}.set_by_caller", "FORMAT", $"At most {MaxCallerLength} characters, no control characters."));
        var (amount, currency) = Details($"{field}.", s.ReasonCode, s.Reason, s.Amount, violations);
        RequiredDetails($"{field}.", code, s.ReasonCode, s.Reason, s.Amount, violations);
        if (violations.Count > before)
            return null;
        return new StatusFacts(statusId, code!.Value, at!.Value, party!.Value, s.SetByCaller.Length > 0 ? s.SetByCaller : platformId, platformId,
            s.ReasonCode, s.Reason, amount, currency);
    }

    private static Core.Lifecycle.LifecycleCode? Code(string field, Contracts.V1.LifecycleCode code, List<FieldViolation> violations)
    {
        if (code == Contracts.V1.LifecycleCode.Unspecified)
            violations.Add(RpcErrors.Violation(field, "REQUIRED", "Give a lifecycle status code (200 to 225)."));
        else if (!LifecycleCodes.IsDefined((int)code))
            violations.Add(RpcErrors.Violation(field, "OUT_OF_RANGE", $"{(int)code} is not a lifecycle status code of the reform."));
        else
            return (Core.Lifecycle.LifecycleCode)(int)code;
        return null;
    }

    private static (decimal? Amount, string? Currency) Details(string prefix, string reasonCode, string reason, Amount? amount,
        List<FieldViolation> violations)
    {
        if (reasonCode.Length > MaxReasonCodeLength || !ReasonCodeForm().IsMatch(reasonCode))
            violations.Add(RpcErrors.Violation($"{prefix}reason_code", reasonCode.Length > MaxReasonCodeLength ? "TOO_LONG" : "CHARACTERS",
                $"A reason code is up to {MaxReasonCodeLength} letters, digits, '_', '-' or '.'."));
        if (reason.Length > StatusFacts.MaxReasonLength)
            violations.Add(RpcErrors.Violation($"{prefix}reason", "TOO_LONG", $"At most {StatusFacts.MaxReasonLength} characters; this one has {reason.Length}."));
        else if (reason.Any(char.IsControl))
            violations.Add(RpcErrors.Violation($"{prefix}reason", "CHARACTERS", "Control characters are not allowed."));
        if (amount is null)
            return (null, null);
        decimal? value = null;
        if (amount.Value.Length <= 20 && AmountForm().IsMatch(amount.Value))
            value = decimal.Parse(amount.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        else
            violations.Add(RpcErrors.Violation($"{prefix}amount.value", amount.Value.Length == 0 ? "REQUIRED" : "FORMAT",
                "A decimal with '.' as separator, up to 15 digits before it and 4 after: \"1250.00\"."));
        if (!CurrencyForm().IsMatch(amount.Currency))
            violations.Add(RpcErrors.Violation($"{prefix}amount.currency", amount.Currency.Length == 0 ? "REQUIRED" : "FORMAT",
                "An ISO 4217 currency code in upper case: \"EUR\"."));
        return (value, amount.Currency);
    }

    /// <summary>What a code cannot come without, whoever sets it: the reason of a refusal, dispute, suspension, rejection or routing error, the amount of 206 and 212.</summary>
    private static void RequiredDetails(string prefix, Core.Lifecycle.LifecycleCode? code, string reasonCode, string reason, Amount? amount,
        List<FieldViolation> violations)
    {
        if (code is not { } c)
            return;
        if (LifecycleCodes.NeedsReason(c) && reasonCode.Length == 0 && reason.Trim().Length == 0)
            violations.Add(RpcErrors.Violation($"{prefix}reason", "REQUIRED", $"{LifecycleCodes.Named(c)} says why: give a reason code or a reason."));
        if (LifecycleCodes.NeedsAmount(c) && amount is null)
            violations.Add(RpcErrors.Violation($"{prefix}amount", "REQUIRED",
                $"{LifecycleCodes.Named(c)} gives the amount {(c == Core.Lifecycle.LifecycleCode.PaymentReceived ? "received (one status per payment)" : "approved")}: amount.value and amount.currency."));
    }

    private static DateTimeOffset? Time(string field, Timestamp? at, DateTimeOffset now, List<FieldViolation> violations)
    {
        if (at is null || !RequestTimestamps.InRange(at))
        {
            violations.Add(RpcErrors.Violation(field, at is null ? "REQUIRED" : "OUT_OF_RANGE", "When the status was set, where it was set."));
            return null;
        }
        var value = at.ToDateTimeOffset();
        // A day of slack for clocks: the status was set at the other access point.
        if (value > now.AddDays(1))
            violations.Add(RpcErrors.Violation(field, "IN_FUTURE", $"A status cannot be set in the future ({value:u})."));
        return value;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]*\z")]
    private static partial Regex ReasonCodeForm();

    [GeneratedRegex(@"^[0-9]{1,15}(\.[0-9]{1,4})?\z")]
    private static partial Regex AmountForm();

    [GeneratedRegex(@"^[A-Z]{3}\z")]
    private static partial Regex CurrencyForm();
}
