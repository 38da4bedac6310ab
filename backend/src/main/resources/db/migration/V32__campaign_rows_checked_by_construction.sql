-- What a campaign meter costs PostgreSQL, measured with perf on its processes during a price change of 100,000
-- meters (docs/performance.md): a fifth of its CPU went on foreign-key checks (one query and one row lock per
-- row), and 2-3% on building the code-blocks regular expression's automaton afresh for every code.
--
-- Foreign keys whose parent the only writer of the row reads in the same statement, and whose parent is never
-- deleted while the row lives, can never fire: their check is pure cost. TableWritersTest holds that each of these
-- tables has one writer. Kept: every foreign key whose values come from a request or from Java (code, outbox
-- message, reach step, customer notice, counters), as they guard a tenant's ids.
--
-- push_delivery: written only by delivery.Outbox, from the message rows the same statement inserted and the
-- customer's phones it joins on the message's own supplier; outbox messages are deleted only by
-- delivery.DeliveryRetention, with their deliveries in the same statement; phones are never deleted (an erased
-- phone keeps its row, V29).
ALTER TABLE push_delivery DROP CONSTRAINT push_delivery_message_id_fkey;
ALTER TABLE push_delivery DROP CONSTRAINT push_delivery_supplier_id_device_id_fkey;

-- campaign_target: written only by campaign.CampaignStore's launch, from the meters it joins on the campaign's
-- supplier, in the transaction that wrote the campaign; campaigns and meters are never deleted.
ALTER TABLE campaign_target DROP CONSTRAINT campaign_target_campaign_id_fkey;
ALTER TABLE campaign_target DROP CONSTRAINT campaign_target_supplier_id_device_id_fkey;

-- The same rule as V20 (one dimension, one to three blocks, each of exactly 20 ASCII digits, no NULL), without a
-- regular expression: each block's length, then every character of the blocks joined (a NULL block joins as '-')
-- trimmed as a digit. The lower bound is now held to 1 as well, so blocks[1] is the first block.
ALTER TABLE code DROP CONSTRAINT code_blocks_of_20_digits;
ALTER TABLE code ADD CONSTRAINT code_blocks_of_20_digits CHECK (
    array_ndims(blocks) = 1
    AND array_lower(blocks, 1) = 1
    AND cardinality(blocks) BETWEEN 1 AND 3
    AND octet_length(blocks[1]) = 20
    AND coalesce(octet_length(blocks[2]), 20) = 20
    AND coalesce(octet_length(blocks[3]), 20) = 20
    AND btrim(array_to_string(blocks, '', '-'), '0123456789') = '');
