-- Table macros shared by the query modules. Not a query: the loader runs this file on each cursor (TEMP: the
-- connection's own database is the survey, read-only).
--
-- chosen(options, answer): whether the ENUM answer is one of the list of options. The list becomes bits once
-- per query (bit i for the option at ENUM position i; ids that are no option drop out), and each respondent
-- costs a shift however many options the list holds; list_contains compares each of them for every
-- respondent. (UBIGINT: the sum is a HUGEINT, and shifting one per respondent would cost more than it saves.)
CREATE TEMP MACRO chosen(options, answer) AS
    (coalesce(list_sum(list_transform(list_distinct(options), lambda o: (1::UBIGINT) << enum_code(o))), 0)::UBIGINT
     >> enum_code(answer)) & 1 = 1;

-- any_chosen(options, mask): whether the bits of a multi-choice answer (<question>_mask: bit i for the option at
-- ENUM position i) hold any of the list of options; NULL where the question was not asked.
CREATE TEMP MACRO any_chosen(options, mask) AS
    (coalesce(list_sum(list_transform(list_distinct(options), lambda o: (1::UBIGINT) << enum_code(o))), 0)::UBIGINT
     & mask) <> 0;

-- group_order(splits): the groups of each split in the list `splits` with their position: 'all' (the split
-- 'none') is 0, the options of a dimension come in codebook order, waves in their order.
CREATE TEMP MACRO group_order(splits) AS TABLE
SELECT 'none' AS split, 'all' AS grp, 0 AS group_position
UNION ALL
SELECT question_id AS split, option_id AS grp, position AS group_position
FROM survey.codebook_options
WHERE list_contains(splits, question_id)
UNION ALL
SELECT 'wave' AS split, wave AS grp, row_number() OVER (ORDER BY wave) AS group_position
FROM survey.waves
WHERE list_contains(splits, 'wave');
