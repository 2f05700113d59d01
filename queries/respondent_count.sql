-- One row: how many respondents match the filters (n), and the sum of their cell keys (n_key, NULL where the
-- count is exact), with which queries.run() perturbs n (survey.stats.protection).
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
SELECT count(*) AS n, sum(cell_key)::BIGINT AS n_key
FROM {segment};
