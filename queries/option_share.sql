-- One row per split, group and option of the single-choice question $question: of the respondents in the group
-- who were asked the question (base_n), how many chose the option (n), and the share in percent (pct),
-- weighted by the scheme $weights. w_n and w_base are the weighted counts, w2_base the sum of squared weights
-- of those asked (for Kish's effective sample size). Multi-choice questions have their own query,
-- multi_option_share; here they give no rows.
-- $by lists the splits wanted, each a dimension, 'wave' or 'none' (one group 'all'): the respondents are
-- counted once, per combination of the splits' groups and the option (a few hundred at most, whatever the
-- number of respondents), and each split adds up those cells.
-- Options come in codebook order, with 0 where nobody chose them. A group nobody in it was asked is left out.
-- $question, $by and $weights name columns (picked with COLUMNS, so they stay bound values); a name that is
-- not a column of the respondents is an error.
-- $question: a single-choice question id from the codebook; example: "private_use"
-- $by: the splits, each a dimension, 'wave' or 'none'; example: ["none", "gender"]
-- $weights: the weighting scheme: none, company or person; example: "none"
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
WITH cells AS (
    -- Grouped on the columns as stored (ENUM), and only then made text: a cast per respondent would cost
    -- more than the counting.
    SELECT COLUMNS(lambda c: list_contains($by, c)), option_id, count(*) AS n, sum(w) AS w_n, sum(w * w) AS w2_n
    FROM (
        SELECT COLUMNS(lambda c: list_contains($by, c)), COLUMNS(lambda c: c = 'weight_' || $weights) AS w,
               COLUMNS(lambda c: c = $question) AS option_id
        FROM segment($wave, $gender, $age_group, $role, $company_size, $industry, $region)
    )
    WHERE option_id IS NOT NULL
    GROUP BY ALL
),
split_cells AS (
    UNPIVOT (SELECT COLUMNS(lambda c: list_contains($by, c))::VARCHAR, option_id::VARCHAR AS option_id, n, w_n, w2_n
             FROM cells)
    ON COLUMNS(lambda c: list_contains($by, c)) INTO NAME split VALUE grp
),
counts AS (
    SELECT split, grp, option_id, sum(n)::BIGINT AS n, sum(w_n) AS w_n FROM split_cells GROUP BY ALL
),
bases AS (
    SELECT split, grp, sum(n)::BIGINT AS base_n, sum(w_n) AS w_base, sum(w2_n) AS w2_base FROM split_cells GROUP BY ALL
)
SELECT
    b.split,
    b.grp AS "group",
    g.group_position,
    o.option_id AS option,
    o.position AS option_position,
    coalesce(c.n, 0) AS n,
    b.base_n,
    100.0 * coalesce(c.w_n, 0) / b.w_base AS pct,
    coalesce(c.w_n, 0) AS w_n,
    b.w_base,
    b.w2_base
FROM bases AS b
JOIN group_order($by) AS g USING (split, grp)
JOIN codebook_options AS o ON o.question_id = $question
JOIN codebook_questions AS q ON q.question_id = o.question_id AND q.kind = 'single'
LEFT JOIN counts AS c ON c.split = b.split AND c.grp = b.grp AND c.option_id = o.option_id
ORDER BY b.split, g.group_position, o.position;
