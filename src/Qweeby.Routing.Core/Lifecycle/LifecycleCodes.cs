using System.Collections.Frozen;

namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>
/// The facts of each lifecycle code: its French and English labels, who may set it, whether it is
/// final, whether it must say why or give an amount, and whether it may follow itself. The state machine (<see cref="LifecycleMachine"/>) reads them.
/// </summary>
public static class LifecycleCodes
{
    private sealed record Facts(string French, string English, LifecycleSetter[] SetBy, bool Final = false, bool NeedsReason = false,
        bool NeedsAmount = false, bool Repeatable = false);

    private static readonly LifecycleSetter[] Platforms = [LifecycleSetter.SupplierPlatform, LifecycleSetter.BuyerPlatform];

    private static readonly FrozenDictionary<LifecycleCode, Facts> Table = new Dictionary<LifecycleCode, Facts>
    {
        [LifecycleCode.Deposited] = new("Déposée", "Deposited", [LifecycleSetter.SupplierPlatform]),
        [LifecycleCode.Issued] = new("Émise par la plateforme", "Issued by the platform", [LifecycleSetter.SupplierPlatform]),
        [LifecycleCode.Received] = new("Reçue par la plateforme", "Received by the platform", [LifecycleSetter.BuyerPlatform]),
        [LifecycleCode.MadeAvailable] = new("Mise à disposition", "Made available", [LifecycleSetter.BuyerPlatform]),
        [LifecycleCode.TakenOver] = new("Prise en charge", "Taken over", [LifecycleSetter.Buyer]),
        [LifecycleCode.Approved] = new("Approuvée", "Approved", [LifecycleSetter.Buyer]),
        [LifecycleCode.PartiallyApproved] = new("Approuvée partiellement", "Partially approved", [LifecycleSetter.Buyer], NeedsAmount: true),
        [LifecycleCode.Disputed] = new("En litige", "Disputed", [LifecycleSetter.Buyer], NeedsReason: true),
        [LifecycleCode.Suspended] = new("Suspendue", "Suspended", [LifecycleSetter.Buyer], NeedsReason: true),
        [LifecycleCode.Completed] = new("Complétée", "Completed", [LifecycleSetter.Supplier]),
        [LifecycleCode.Refused] = new("Refusée", "Refused", [LifecycleSetter.Buyer], Final: true, NeedsReason: true),
        [LifecycleCode.PaymentSent] = new("Paiement transmis", "Payment sent", [LifecycleSetter.Buyer]),
        [LifecycleCode.PaymentReceived] = new("Encaissée", "Payment received", [LifecycleSetter.Supplier], Final: true, NeedsAmount: true, Repeatable: true),
        [LifecycleCode.Rejected] = new("Rejetée", "Rejected", Platforms, Final: true, NeedsReason: true),
        [LifecycleCode.Endorsed] = new("Visée", "Endorsed", [LifecycleSetter.Buyer]),
        [LifecycleCode.Cancelled] = new("Annulée", "Cancelled", [LifecycleSetter.Supplier], Final: true),
        [LifecycleCode.RoutingError] = new("Erreur de routage", "Routing error", Platforms, NeedsReason: true),
        [LifecycleCode.DirectPaymentRequested] = new("Demande de paiement direct", "Direct payment requested", [LifecycleSetter.Supplier]),
        [LifecycleCode.Factored] = new("Affacturée", "Factored", [LifecycleSetter.Supplier]),
    }.ToFrozenDictionary();

    /// <summary>Every code, in numeric order.</summary>
    public static IReadOnlyList<LifecycleCode> All { get; } = [.. Table.Keys.Order()];

    /// <summary>Every setter.</summary>
    public static IReadOnlyList<LifecycleSetter> Setters { get; } = Enum.GetValues<LifecycleSetter>();

    public static bool IsDefined(int code) => Table.ContainsKey((LifecycleCode)code);

    public static string French(LifecycleCode code) => Table[code].French;

    public static string English(LifecycleCode code) => Table[code].English;

    /// <summary>"210 Refusée": how codes are named in messages.</summary>
    public static string Named(LifecycleCode code) => $"{(int)code} {French(code)}";

    /// <summary>
    /// A final status closes the invoice: 210 Refusée, 212 Encaissée, 213 Rejetée, 220 Annulée. Nothing follows one but
    /// another of a repeatable code (<see cref="IsRepeatable"/>).
    /// </summary>
    public static bool IsFinal(LifecycleCode code) => Table[code].Final;

    /// <summary>
    /// 212 Encaissée: each payment received is a status of its own, with its amount (an invoice paid in instalments has
    /// several), so it may follow itself under a new status id, even once it has closed the invoice.
    /// </summary>
    public static bool IsRepeatable(LifecycleCode code) => Table[code].Repeatable;

    /// <summary>206 Approuvée partiellement gives the amount approved, 212 Encaissée the amount received.</summary>
    public static bool NeedsAmount(LifecycleCode code) => Table[code].NeedsAmount;

    /// <summary>A refusal, dispute, suspension, rejection or routing error says why (a reason code or text).</summary>
    public static bool NeedsReason(LifecycleCode code) => Table[code].NeedsReason;

    /// <summary>Who may set <paramref name="code"/>.</summary>
    public static IReadOnlyList<LifecycleSetter> SetBy(LifecycleCode code) => Table[code].SetBy;

    public static bool MaySet(LifecycleSetter setter, LifecycleCode code) => Table[code].SetBy.Contains(setter);

    /// <summary>The codes <paramref name="setter"/> may ever set, in numeric order.</summary>
    public static IReadOnlyList<LifecycleCode> SetByOf(LifecycleSetter setter) => [.. All.Where(c => MaySet(setter, c))];

    public static LifecycleParty Party(this LifecycleSetter setter) => setter switch
    {
        LifecycleSetter.Buyer => LifecycleParty.Buyer,
        LifecycleSetter.Supplier => LifecycleParty.Supplier,
        _ => LifecycleParty.Platform,
    };

    public static InvoiceSide Side(this LifecycleSetter setter) =>
        setter is LifecycleSetter.Supplier or LifecycleSetter.SupplierPlatform ? InvoiceSide.Supplier : InvoiceSide.Buyer;

    /// <summary>The setter a party on a side is; null for a buyer on the supplier's side or a supplier on the buyer's.</summary>
    public static LifecycleSetter? Setter(LifecycleParty party, InvoiceSide side) => (party, side) switch
    {
        (LifecycleParty.Platform, InvoiceSide.Supplier) => LifecycleSetter.SupplierPlatform,
        (LifecycleParty.Platform, InvoiceSide.Buyer) => LifecycleSetter.BuyerPlatform,
        (LifecycleParty.Buyer, InvoiceSide.Buyer) => LifecycleSetter.Buyer,
        (LifecycleParty.Supplier, InvoiceSide.Supplier) => LifecycleSetter.Supplier,
        _ => null,
    };

    /// <summary>
    /// Whether a status set on <paramref name="side"/> travels to the other end's access point when that
    /// end is elsewhere. The supplier's platform statuses do not: 200 and 201 go with the invoice itself,
    /// and its 213 or 221 say the invoice never reached the other end.
    /// </summary>
    public static bool Travels(LifecycleSetter setter) => setter != LifecycleSetter.SupplierPlatform;

    /// <summary>The supplier platform's statuses that go with the invoice itself and open its timeline at the other end: 200 and 201.</summary>
    public static bool GoesWithInvoice(LifecycleCode code) => code is LifecycleCode.Deposited or LifecycleCode.Issued;

    /// <summary>What the buyer's platform sets on receiving an invoice, in order: 202 Reçue, 203 Mise à disposition.</summary>
    public static IReadOnlyList<LifecycleCode> OnReception { get; } = [LifecycleCode.Received, LifecycleCode.MadeAvailable];

    public static InvoiceSide Other(this InvoiceSide side) => side == InvoiceSide.Supplier ? InvoiceSide.Buyer : InvoiceSide.Supplier;
}
