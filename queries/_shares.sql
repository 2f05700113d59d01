-- Query shares: the charts of a page counted in one statement. Not run by name: queries.shares() fills in
-- {cells} and {segment} and binds the values.
--
-- One row per part, split, group and option. A part is one question with its splits; $questions holds the
-- question of each part (part 1 is the first). Of the respondents in the group who were asked the question
-- (base_n), how many chose the option (n), and the share in percent (pct), weighted by the scheme the
-- counting used. w_n and w_base are the weighted counts, w2_base the sum of squared weights of those asked
-- (for Kish's effective sample size). For a multi-choice question the shares are of respondents asked, not of
-- answers, so they add up to more than 100. selected is how many respondents match the filters, asked or not
-- (the same on every row): the selection's n, which a page shows above its charts. n_key, base_n_key and
-- selected_key are the sums of the cell keys of those counted (NULL where the count is exact), with which
-- queries.shares() perturbs the counts before anything else sees them (survey.stats.protection).
-- Options come in codebook order, with 0 where nobody chose them. A group nobody in it was asked is left out.
-- An option is counted only in the waves that offered it (wave_options): its n and base_n are of the
-- respondents of those waves, and a group whose waves offered it in none has no row for it (not a 0). With
-- waves that all offered the same options (one wave that asked everything, say), every option they offered
-- has its row, on the group's whole base.
--
-- {cells} is one SELECT per part (_shares_part.sql), joined by UNION ALL: the respondents who match the
-- filters and were asked the question, counted per combination of the part's splits, the wave (cell_wave) and
-- the answer (the option, or the options chosen as bits: the column <question>_mask, bit i for the option at
-- position i + 1). A few hundred rows at most, whatever the number of respondents. Each split then adds up
-- those cells here.
-- $questions: the question of each part; example: ["private_use", "challenges"]
-- $splits: every split any part asks for, each a dimension, 'wave' or 'none'; example: ["none", "gender"]
-- $cell_waves: for each part, the first wave that asked its question (bound where a part counts without the wave: see _shares_part.sql); example: ["2010", "2010"]
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
WITH filtered AS MATERIALIZED (
    -- Filtered once for all the parts (only the columns they read are kept).
    FROM {segment}
),
cells AS (
    {cells}
),
split_cells AS (
    -- A split the part did not ask for is NULL in its cells, and UNPIVOT leaves NULLs out.
    UNPIVOT cells ON COLUMNS(lambda c: list_contains($splits, c)) INTO NAME split VALUE grp
),
selection AS (
    SELECT count(*) AS selected, {selected_key}::BIGINT AS selected_key FROM filtered
),
counted AS (
    -- Each cell against every option its wave offered of its question: the sum over the group's cells of the
    -- waves that offered the option is its base, the sum over those that chose it (its own for a single choice,
    -- those whose bits include it for a multi-choice) is the option's count, 0 where none did.
    SELECT c.part, c.split, c.grp, o.option_id, o.position,
        coalesce(sum(c.n) FILTER (WHERE c.option = o.option_id OR (c.mask >> (o.position - 1)) & 1 = 1), 0)::BIGINT AS n,
        sum(c.n)::BIGINT AS base_n,
        coalesce(sum(c.w_n) FILTER (WHERE c.option = o.option_id OR (c.mask >> (o.position - 1)) & 1 = 1), 0) AS w_n,
        sum(c.w_n) AS w_base,
        sum(c.w2_n) AS w2_base,
        sum(c.k) FILTER (WHERE c.option = o.option_id OR (c.mask >> (o.position - 1)) & 1 = 1)::BIGINT AS n_key,
        sum(c.k)::BIGINT AS base_n_key
    FROM split_cells AS c
    JOIN wave_options AS o ON o.wave = c.cell_wave AND o.question_id = c.question
    GROUP BY ALL
)
SELECT
    c.part,
    c.split,
    c.grp AS "group",
    g.group_position,
    c.option_id AS option,
    c.position AS option_position,
    c.n,
    c.base_n,
    100.0 * c.w_n / c.w_base AS pct,
    c.w_n,
    c.w_base,
    c.w2_base,
    c.n_key,
    c.base_n_key,
    s.selected,
    s.selected_key
FROM counted AS c
JOIN group_order($splits) AS g USING (split, grp)
CROSS JOIN selection AS s
ORDER BY c.part, c.split, g.group_position, c.position
