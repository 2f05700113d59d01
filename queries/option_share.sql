-- One row per group and option of the question $question: of the respondents in the group who were asked
-- the question (base_n), how many chose the option (n), and the share in percent (pct), weighted by the
-- scheme $weights. w_n and w_base are the weighted counts, w2_base the sum of squared weights of those asked
-- (for Kish's effective sample size). For a multi-choice question the shares are of respondents asked, not
-- of answers, so they add up to more than 100.
-- Options come in codebook order, with 0 where nobody chose them. A group nobody in it was asked is left out.
-- $question: a question id from the codebook; example: "private_channels"
-- $by: the dimension (or 'wave') to split by, or 'none' for one group 'all'; example: "none"
-- $weights: the weighting scheme: none, company or person; example: "none"
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
WITH asked AS (
    SELECT
        grp,
        -- A single-choice answer becomes a list of one (as_list), so both kinds are counted alike.
        CASE $question
            WHEN 'gender' THEN as_list(gender)
            WHEN 'age_group' THEN as_list(age_group)
            WHEN 'role' THEN as_list(role)
            WHEN 'company_size' THEN as_list(company_size)
            WHEN 'industry' THEN as_list(industry)
            WHEN 'region' THEN as_list(region)
            WHEN 'private_use' THEN as_list(private_use)
            WHEN 'company_use' THEN as_list(company_use)
            WHEN 'marketing_strategy' THEN as_list(marketing_strategy)
            WHEN 'guidelines' THEN as_list(guidelines)
            WHEN 'guidelines_why_not' THEN as_list(guidelines_why_not)
            WHEN 'private_channels' THEN private_channels::VARCHAR[]
            WHEN 'company_channels' THEN company_channels::VARCHAR[]
            WHEN 'company_purposes' THEN company_purposes::VARCHAR[]
            WHEN 'challenges' THEN challenges::VARCHAR[]
        END AS chosen,
        w
    FROM segment($by, $weights, $wave, $gender, $age_group, $role, $company_size, $industry, $region)
),
bases AS (
    SELECT grp, count(*) AS base_n, sum(w) AS w_base, sum(w * w) AS w2_base
    FROM asked
    WHERE chosen IS NOT NULL
    GROUP BY grp
),
counts AS (
    SELECT grp, option_id, count(*) AS n, sum(w) AS w_n
    FROM (SELECT grp, unnest(chosen) AS option_id, w FROM asked)
    GROUP BY ALL
)
SELECT
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
JOIN group_order($by) AS g USING (grp)
CROSS JOIN codebook_options AS o
LEFT JOIN counts AS c ON c.grp = b.grp AND c.option_id = o.option_id
WHERE o.question_id = $question
ORDER BY g.group_position, o.position;
