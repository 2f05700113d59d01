-- One row per split and group: how many respondents who match the filters are in the group (n), weighted by
-- the scheme $weights (w_n), and the sum of their squared weights (w2_n). Groups nobody is in are left out, and
-- so are respondents not in any group of a split (a wave that did not ask the dimension: NULL).
-- The respondents are counted once per combination of the splits' groups, and each split adds up those cells:
-- the make-up of the selection by several dimensions in one query. n_key is the sum of the group's cell keys
-- (NULL where its counts are exact): queries.run() perturbs n with it and drops it (survey.stats.protection).
-- $by: the splits, each a dimension, 'wave' or 'none'; example: ["gender", "age_group"]
-- $weights: the weighting scheme: none, company, person or delivered; example: "none"
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
WITH cells AS (
    SELECT COLUMNS(lambda c: list_contains($by, c)), count(*) AS n, sum(w) AS w_n, sum(w * w) AS w2_n,
           sum(cell_key) AS k
    FROM (
        SELECT COLUMNS(lambda c: list_contains($by, c)), COLUMNS(lambda c: c = 'weight_' || $weights) AS w, cell_key
        FROM {segment}
    )
    WHERE w IS NOT NULL  -- a wave without the scheme has no weights: its respondents are left out, not half counted
    GROUP BY ALL
),
split_cells AS (
    UNPIVOT (SELECT COLUMNS(lambda c: list_contains($by, c))::VARCHAR, n, w_n, w2_n, k FROM cells)
    ON COLUMNS(lambda c: list_contains($by, c)) INTO NAME split VALUE grp
)
SELECT s.split, s.grp AS "group", g.group_position, sum(s.n)::BIGINT AS n, sum(s.w_n) AS w_n, sum(s.w2_n) AS w2_n,
       sum(s.k)::BIGINT AS n_key
FROM split_cells AS s
JOIN group_order($by) AS g USING (split, grp)
GROUP BY ALL
ORDER BY s.split, g.group_position;
