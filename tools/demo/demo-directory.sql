-- A small demo directory for `tools/run.sh`: two access points, a handful of entities with valid
-- identifiers, one supplier's customer directory. Idempotent: loading it twice changes nothing.
BEGIN;

INSERT INTO service_provider (provider_id, name, endpoint, channel) VALUES
    ('qweeby',  'Qweeby (this platform)', 'http://127.0.0.1:5080', 'hosted'),
    ('ap-nord', 'AP Nord (partner access point)', 'http://127.0.0.1:6080', 'interoperability'),
    ('chorus',  'Chorus Pro', 'https://chorus-pro.example', 'public_portal')
ON CONFLICT (provider_id) DO NOTHING;

INSERT INTO entity (entity_id, kind, legal_name, country) VALUES
    ('00000000-0000-4000-8000-000000000001', 'company', 'Qweeby Demo Fournitures', 'FR'),
    ('00000000-0000-4000-8000-000000000002', 'company', 'Société Générale d''Équipements', 'FR'),
    ('00000000-0000-4000-8000-000000000003', 'company', 'Boulangerie Dupont', 'FR'),
    ('00000000-0000-4000-8000-000000000004', 'association', 'Association des Amis du Rail', 'FR'),
    ('00000000-0000-4000-8000-000000000005', 'company', 'Nordic Parts GmbH', 'DE')
ON CONFLICT (entity_id) DO NOTHING;

INSERT INTO entity_identifier (icd, value, entity_id) VALUES
    ('0002', '552032534',      '00000000-0000-4000-8000-000000000001'),
    ('0009', '55203253400646', '00000000-0000-4000-8000-000000000001'),
    ('0002', '732829320',      '00000000-0000-4000-8000-000000000002'),
    ('0009', '73282932000074', '00000000-0000-4000-8000-000000000002'),
    ('9957', 'FR44732829320',  '00000000-0000-4000-8000-000000000002'),
    ('0088', '5790000435951',  '00000000-0000-4000-8000-000000000002'),
    ('0002', '303265045',      '00000000-0000-4000-8000-000000000003'),
    ('0009', '35600000000048', '00000000-0000-4000-8000-000000000004'),
    ('9930', 'DE136695976',    '00000000-0000-4000-8000-000000000005')
ON CONFLICT (icd, value) DO NOTHING;

INSERT INTO contact (contact_id, entity_id, last_name, first_name, email, role) VALUES
    ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000001', 'Martin', 'Claire', 'claire.martin@demo-fournitures.example', 'administrator'),
    ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-000000000002', 'Leroy', 'Hugo', 'compta@sge.example', 'administrator'),
    ('00000000-0000-4000-8000-0000000000c4', '00000000-0000-4000-8000-000000000004', 'Petit', 'Anne', 'tresorier@amis-du-rail.example', 'administrator'),
    ('00000000-0000-4000-8000-0000000000c5', '00000000-0000-4000-8000-000000000005', 'Weber', 'Jonas', 'ap@nordic-parts.example', 'administrator')
ON CONFLICT (contact_id) DO NOTHING;
-- Boulangerie Dupont has no contact: known, but it refuses e-invoices.

INSERT INTO provider_registration (entity_id, provider_id, is_default) VALUES
    ('00000000-0000-4000-8000-000000000001', 'qweeby', true),
    ('00000000-0000-4000-8000-000000000002', 'ap-nord', true),
    ('00000000-0000-4000-8000-000000000002', 'qweeby', false),
    ('00000000-0000-4000-8000-000000000004', 'qweeby', true),
    ('00000000-0000-4000-8000-000000000005', 'ap-nord', true)
ON CONFLICT (entity_id, provider_id) DO NOTHING;

INSERT INTO consent (supplier_id, customer_id, state, decided_at) VALUES
    ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'accepted', now()),
    ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000004', 'pending', NULL)
ON CONFLICT (supplier_id, customer_id) DO NOTHING;

INSERT INTO customer_entry (entry_id, supplier_id, customer_id) VALUES
    ('00000000-0000-4000-8000-0000000000e2', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002')
ON CONFLICT (entry_id) DO NOTHING;
INSERT INTO customer_number (supplier_id, number, entry_id) VALUES
    ('00000000-0000-4000-8000-000000000001', 'CLI-0042', '00000000-0000-4000-8000-0000000000e2')
ON CONFLICT (supplier_id, number) DO NOTHING;

COMMIT;
