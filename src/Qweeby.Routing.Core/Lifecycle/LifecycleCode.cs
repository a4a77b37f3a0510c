namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>
/// Invoice lifecycle statuses of the French reform (AFNOR XP Z12-012, CDAR messages), by their code:
/// the numeric value is the code that travels between platforms. Labels: <see cref="LifecycleCodes"/>.
/// </summary>
public enum LifecycleCode
{
    /// <summary>200 Déposée: the supplier's platform accepted the invoice.</summary>
    Deposited = 200,

    /// <summary>201 Émise par la plateforme: the supplier's platform sent it on.</summary>
    Issued = 201,

    /// <summary>202 Reçue par la plateforme: the buyer's platform received it.</summary>
    Received = 202,

    /// <summary>203 Mise à disposition: the buyer can take it.</summary>
    MadeAvailable = 203,

    /// <summary>204 Prise en charge.</summary>
    TakenOver = 204,

    /// <summary>205 Approuvée.</summary>
    Approved = 205,

    /// <summary>206 Approuvée partiellement (with the amount approved).</summary>
    PartiallyApproved = 206,

    /// <summary>207 En litige (with why).</summary>
    Disputed = 207,

    /// <summary>208 Suspendue (with what is missing).</summary>
    Suspended = 208,

    /// <summary>209 Complétée: what a suspension asked for was given.</summary>
    Completed = 209,

    /// <summary>210 Refusée by the buyer (with why). Final.</summary>
    Refused = 210,

    /// <summary>211 Paiement transmis.</summary>
    PaymentSent = 211,

    /// <summary>212 Encaissée: the supplier received the payment. Final.</summary>
    PaymentReceived = 212,

    /// <summary>213 Rejetée by a platform (not compliant, recipient gone). Final.</summary>
    Rejected = 213,

    /// <summary>214 Visée.</summary>
    Endorsed = 214,

    /// <summary>220 Annulée by the supplier. Final.</summary>
    Cancelled = 220,

    /// <summary>221 Erreur de routage: the invoice could not be routed to the buyer's platform.</summary>
    RoutingError = 221,

    /// <summary>224 Demande de paiement direct.</summary>
    DirectPaymentRequested = 224,

    /// <summary>225 Affacturée.</summary>
    Factored = 225,
}
