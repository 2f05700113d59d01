-- One row per group: the number of respondents (n) who match the filters.
-- $by: the dimension (or 'wave') to split by, or 'none' for one group 'all'; example: "none"
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
WITH counts AS (
    SELECT grp::VARCHAR AS grp, n  -- grouped on the stored column, then made text
    FROM (
        SELECT COLUMNS(lambda c: c = $by) AS grp, count(*) AS n
        FROM segment($wave, $gender, $age_group, $role, $company_size, $industry, $region)
        GROUP BY ALL
    )
)
SELECT c.grp AS "group", o.group_position, c.n
FROM counts AS c
JOIN group_order([$by]) AS o ON o.split = $by AND o.grp = c.grp
ORDER BY o.group_position;
