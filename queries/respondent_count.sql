-- One row per group: the number of respondents (n) who match the filters.
-- $by: the dimension (or 'wave') to split by, or 'none' for one group 'all'; example: "none"
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
SELECT s.grp AS "group", o.group_position, count(*) AS n
FROM segment($by, 'none', $wave, $gender, $age_group, $role, $company_size, $industry, $region) AS s
JOIN group_order($by) AS o USING (grp)
GROUP BY ALL
ORDER BY o.group_position;
