using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Data.Directory;

/// <summary>The text codes the schema stores (CHECK constraints in 0001_directory.sql), both ways.</summary>
public static class DirectoryCodes
{
    public static EntityKind Kind(string code) => code switch
    {
        "company" => EntityKind.Company,
        "association" => EntityKind.Association,
        "natural_person" => EntityKind.NaturalPerson,
        _ => throw Unknown(nameof(Kind), code),
    };

    public static string Code(EntityKind kind) => kind switch
    {
        EntityKind.Company => "company",
        EntityKind.Association => "association",
        _ => "natural_person",
    };

    public static DirectoryMode Mode(string code) => code == "closed" ? DirectoryMode.Closed : DirectoryMode.Open;

    public static string Code(DirectoryMode mode) => mode == DirectoryMode.Closed ? "closed" : "open";

    public static ConsentState Consent(string code) => code switch
    {
        "pending" => ConsentState.Pending,
        "accepted" => ConsentState.Accepted,
        "refused" => ConsentState.Refused,
        _ => throw Unknown(nameof(Consent), code),
    };

    public static string Code(ConsentState state) => state.ToString().ToLowerInvariant();

    public static ApprovalState Approval(string code) => code switch
    {
        "pending" => ApprovalState.Pending,
        "approved" => ApprovalState.Approved,
        "revoked" => ApprovalState.Revoked,
        _ => throw Unknown(nameof(Approval), code),
    };

    public static string Code(ApprovalState state) => state.ToString().ToLowerInvariant();

    public static ActivationState Activation(string code) => code switch
    {
        "requested" => ActivationState.Requested,
        "accepted" => ActivationState.Accepted,
        "active" => ActivationState.Active,
        _ => throw Unknown(nameof(Activation), code),
    };

    public static Channel Channel(string code) => code switch
    {
        "interoperability" => Core.Directory.Channel.Interoperability,
        "hosted" => Core.Directory.Channel.Hosted,
        "public_portal" => Core.Directory.Channel.PublicPortal,
        "edi" => Core.Directory.Channel.Edi,
        "email_pdf" => Core.Directory.Channel.EmailPdf,
        "paper" => Core.Directory.Channel.Paper,
        _ => throw Unknown(nameof(Channel), code),
    };

    public static string Code(Channel channel) => channel switch
    {
        Core.Directory.Channel.Interoperability => "interoperability",
        Core.Directory.Channel.Hosted => "hosted",
        Core.Directory.Channel.PublicPortal => "public_portal",
        Core.Directory.Channel.Edi => "edi",
        Core.Directory.Channel.EmailPdf => "email_pdf",
        _ => "paper",
    };

    private static InvalidOperationException Unknown(string what, string code) =>
        new($"Unknown {what} code '{code}' in the database: is a migration missing?");
}
