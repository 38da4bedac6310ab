INSERT INTO pgbench_single_row (payload) VALUES (md5(random()::text));
