-- Seeds :meters no-WAN ESMEs for a benchmark, one customer each, for the first demo supplier (psql variables:
-- meters, key (the meters' key-agreement public key, PEM), tag (account numbers' prefix), postcode, mpxn (first
-- MPAN less one) and eui (first EUI-64 less one, hex)). Leaves bench_customer (g, account id) for the caller's
-- own rows (phones, contact points) in the same session.
CREATE TEMP TABLE bench_customer AS
  SELECT g, gen_random_uuid() AS a, gen_random_uuid() AS p, gen_random_uuid() AS sp, gen_random_uuid() AS d
  FROM generate_series(1, :meters) g;
WITH s AS (SELECT id FROM supplier WHERE code = 'bright-energy'),
 acc AS (INSERT INTO customer_account (id, supplier_id, account_number, name, phone)
         SELECT a, s.id, :'tag' || '-' || g, 'Bench customer ' || g, '0113 496 ' || g FROM bench_customer, s),
 pre AS (INSERT INTO premises (id, supplier_id, customer_account_id, address, postcode)
         SELECT p, s.id, a, g || ' Bench Street', :'postcode' FROM bench_customer, s),
 spt AS (INSERT INTO supply_point (id, supplier_id, premises_id, fuel, mpxn)
         SELECT sp, s.id, p, 'ELECTRICITY', lpad((:mpxn + g)::text, 13, '0') FROM bench_customer, s)
INSERT INTO device (id, supplier_id, premises_id, supply_point_id, eui64, device_type, ka_public_key, wan_state)
SELECT d, s.id, p, sp, upper(lpad(to_hex(('x' || :'eui')::bit(64)::bigint + g), 16, '0')), 'ESME', :'key', 'NO_WAN'
FROM bench_customer, s;
