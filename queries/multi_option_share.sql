-- One row per split, group and option of the multi-choice question $question: of the respondents in the group
-- who were asked the question (base_n), how many chose the option (n), and the share in percent (pct),
-- weighted by the scheme $weights; the other columns and $by as in option_share. The shares are of
-- respondents asked, not of answers, so they add up to more than 100.
-- Respondents are counted per combination of the splits' groups and the options chosen (the column
-- <question>_mask, bit i for the option at position i + 1); each option then adds up the combinations that
-- have its bit.
-- $question: a multi-choice question id from the codebook; example: "private_channels"
-- $by: the splits, each a dimension, 'wave' or 'none'; example: ["none", "gender"]
-- $weights: the weighting scheme: none, company or person; example: "none"
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
WITH cells AS (
    SELECT COLUMNS(lambda c: list_contains($by, c)), mask, count(*) AS n, sum(w) AS w_n, sum(w * w) AS w2_n
    FROM (
        SELECT COLUMNS(lambda c: list_contains($by, c)), COLUMNS(lambda c: c = 'weight_' || $weights) AS w,
               COLUMNS(lambda c: c = $question || '_mask') AS mask
        FROM segment($wave, $gender, $age_group, $role, $company_size, $industry, $region)
    )
    WHERE mask IS NOT NULL
    GROUP BY ALL
),
split_cells AS (
    UNPIVOT (SELECT COLUMNS(lambda c: list_contains($by, c))::VARCHAR, mask, n, w_n, w2_n FROM cells)
    ON COLUMNS(lambda c: list_contains($by, c)) INTO NAME split VALUE grp
),
bases AS (
    SELECT split, grp, sum(n)::BIGINT AS base_n, sum(w_n) AS w_base, sum(w2_n) AS w2_base FROM split_cells GROUP BY ALL
),
counts AS (
    SELECT b.split, b.grp, o.option_id, o.position, coalesce(sum(c.n), 0)::BIGINT AS n, coalesce(sum(c.w_n), 0) AS w_n
    FROM bases AS b
    JOIN codebook_options AS o ON o.question_id = $question
    LEFT JOIN split_cells AS c ON c.split = b.split AND c.grp = b.grp AND (c.mask >> (o.position - 1)) & 1 = 1
    GROUP BY ALL
)
SELECT
    b.split,
    b.grp AS "group",
    g.group_position,
    c.option_id AS option,
    c.position AS option_position,
    c.n,
    b.base_n,
    100.0 * c.w_n / b.w_base AS pct,
    c.w_n,
    b.w_base,
    b.w2_base
FROM bases AS b
JOIN group_order($by) AS g USING (split, grp)
JOIN counts AS c USING (split, grp)
ORDER BY b.split, g.group_position, c.position;
