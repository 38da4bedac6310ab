-- A code is kept as it is typed: its blocks, in order, each one 20-digit string (issue 13). The count of blocks
-- is the array's own, so the separate count column goes. The block length lives in shared's CodeLayout; this
-- check only guards the table.
ALTER TABLE code DROP CONSTRAINT code_digits_check;
ALTER TABLE code DROP COLUMN blocks;
ALTER TABLE code ALTER COLUMN digits TYPE text[]
    USING regexp_split_to_array(trim(regexp_replace(digits, '([0-9]{20})', '\1 ', 'g')), ' ');
ALTER TABLE code RENAME COLUMN digits TO blocks;
ALTER TABLE code ADD CONSTRAINT code_blocks_of_20_digits CHECK (
    array_ndims(blocks) = 1
    AND cardinality(blocks) BETWEEN 1 AND 3
    AND array_to_string(blocks, ' ', '-') ~ '^[0-9]{20}( [0-9]{20}){0,2}$');
