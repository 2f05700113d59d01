-- One row per group and option of the multi-choice question $question: of the respondents in the group who
-- were asked the question (base_n), how many chose the option (n), and the share in percent (pct), weighted by
-- the scheme $weights; the other columns as in option_share. The shares are of respondents asked, not of
-- answers, so they add up to more than 100.
-- Respondents are first counted per combination of options chosen (the column <question>_mask, bit i for the
-- option at position i + 1): a few hundred combinations at most, whatever the number of respondents; each
-- option then adds up the combinations that have its bit.
-- $question: a multi-choice question id from the codebook; example: "private_channels"
-- $by: the dimension (or 'wave') to split by, or 'none' for one group 'all'; example: "none"
-- $weights: the weighting scheme: none, company or person; example: "none"
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
WITH combinations AS (
    SELECT grp::VARCHAR AS grp, mask, n, w_n, w2_n  -- grouped on the stored column, then made text
    FROM (
        SELECT grp, mask, count(*) AS n, sum(w) AS w_n, sum(w * w) AS w2_n
        FROM (
            SELECT COLUMNS(lambda c: c = $by) AS grp, COLUMNS(lambda c: c = 'weight_' || $weights) AS w,
                   COLUMNS(lambda c: c = $question || '_mask') AS mask
            FROM segment($wave, $gender, $age_group, $role, $company_size, $industry, $region)
        )
        WHERE mask IS NOT NULL
        GROUP BY ALL
    )
),
bases AS (
    SELECT grp, sum(n) AS base_n, sum(w_n) AS w_base, sum(w2_n) AS w2_base FROM combinations GROUP BY grp
),
counts AS (
    SELECT b.grp, o.option_id, o.position, coalesce(sum(c.n), 0) AS n, coalesce(sum(c.w_n), 0) AS w_n
    FROM bases AS b
    JOIN codebook_options AS o ON o.question_id = $question
    LEFT JOIN combinations AS c ON c.grp = b.grp AND (c.mask >> (o.position - 1)) & 1 = 1
    GROUP BY ALL
)
SELECT
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
JOIN group_order($by) AS g USING (grp)
JOIN counts AS c USING (grp)
ORDER BY g.group_position, c.position;
