using Qweeby.Routing.Data.Lifecycle;

namespace Qweeby.Routing.Data.Admin;

/// <summary>The JSON the audit keeps of each kind of record, before and after a change (one jsonb value each).</summary>
internal static class AuditSnapshots
{
    /// <summary>$1 entity id: the entity with its identifiers, contacts and registrations.</summary>
    public const string Entity = """
        SELECT to_jsonb(x) FROM (
            SELECT e.entity_id, e.kind, e.legal_name, e.country, e.status, e.multi_account,
                   e.customer_directory_mode, e.supplier_directory_mode,
                   ARRAY(SELECT i.icd || ':' || i.value FROM entity_identifier i WHERE i.entity_id = e.entity_id ORDER BY 1) AS identifiers,
                   (SELECT coalesce(jsonb_agg(jsonb_build_object('contact_id', c.contact_id, 'last_name', c.last_name, 'first_name', c.first_name,
                        'email', c.email, 'role', c.role, 'status', c.status) ORDER BY c.registered_at, c.contact_id), '[]')
                    FROM contact c WHERE c.entity_id = e.entity_id) AS contacts,
                   (SELECT coalesce(jsonb_agg(jsonb_build_object('provider_id', r.provider_id, 'document_types', r.document_types,
                        'is_default', r.is_default) ORDER BY r.registered_at, r.provider_id), '[]')
                    FROM provider_registration r WHERE r.entity_id = e.entity_id) AS registrations
            FROM entity e WHERE e.entity_id = $1) x
        """;

    /// <summary>$1 entity id: its two directory modes.</summary>
    public const string Settings = """
        SELECT jsonb_build_object('customer_directory_mode', customer_directory_mode, 'supplier_directory_mode', supplier_directory_mode)
        FROM entity WHERE entity_id = $1
        """;

    /// <summary>$1 supplier, $2 customer: the customer-directory entry and its numbers.</summary>
    public const string CustomerEntry = """
        SELECT to_jsonb(x) FROM (
            SELECT ce.entry_id, ce.supplier_id, ce.customer_id, ce.status, ce.pinned_provider_id,
                   ARRAY(SELECT n.number FROM customer_number n WHERE n.entry_id = ce.entry_id ORDER BY 1) AS customer_numbers
            FROM customer_entry ce WHERE ce.supplier_id = $1 AND ce.customer_id = $2) x
        """;

    /// <summary>$1 receiver, $2 supplier.</summary>
    public const string Approval = """
        SELECT jsonb_build_object('state', state, 'requested_by', requested_by, 'attempts', attempts, 'decided_by', decided_by)
        FROM supplier_approval WHERE receiver_id = $1 AND supplier_id = $2
        """;

    /// <summary>$1 supplier, $2 customer.</summary>
    public const string Consent = """
        SELECT jsonb_build_object('state', state, 'requested_at', requested_at, 'decided_at', decided_at)
        FROM consent WHERE supplier_id = $1 AND customer_id = $2
        """;

    /// <summary>$1 supplier, $2 customer.</summary>
    public const string Activation = """
        SELECT jsonb_build_object('provider_id', provider_id, 'state', state)
        FROM routing_activation WHERE supplier_id = $1 AND customer_id = $2
        """;

    /// <summary>$1 transmission id: where it stands in the exchange.</summary>
    public const string Transmission = """
        SELECT jsonb_build_object('status', status, 'status_detail', status_detail)
        FROM transmission WHERE transmission_id = $1
        """;

    /// <summary>$1 transmission or inbox item id, $2 status id: the status and its way to the other end.</summary>
    public const string StatusDelivery = $"""
        SELECT jsonb_build_object('status_id', status_id, 'code', code, 'delivery_to', delivery_to, 'delivery_state', delivery_state,
                                  'delivery_attempts', delivery_attempts, 'delivery_detail', delivery_detail)
        FROM lifecycle_status WHERE status_id = $2 AND timeline_id = {LifecycleStore.TimelineOfId}
        """;

    /// <summary>$1 provider id.</summary>
    public const string Provider = """
        SELECT jsonb_build_object('name', name, 'endpoint', endpoint, 'channel', channel, 'status', status,
                                  'client_cert_sha256', client_cert_sha256, 'client_cert_subject', client_cert_subject)
        FROM service_provider WHERE provider_id = $1
        """;
}
