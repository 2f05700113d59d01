-- One row: how many respondents match the filters (n).
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
SELECT count(*) AS n
FROM {segment};
