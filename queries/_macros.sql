-- Table macros shared by the query modules. Not a query: the loader runs this file once per connection.
--
-- chosen(options, answer): whether the ENUM answer is one of the list of options. The list becomes bits once
-- per query (bit i for the option at ENUM position i; ids that are no option drop out), and each respondent
-- costs a shift: twice as fast as list_contains, which compares text for every respondent. (UBIGINT: the
-- sum is a HUGEINT, and shifting one per respondent would cost more than it saves.)
CREATE MACRO chosen(options, answer) AS
    (coalesce(list_sum(list_transform(list_distinct(options), lambda o: (1::UBIGINT) << enum_code(o))), 0)::UBIGINT
     >> enum_code(answer)) & 1 = 1;

--
-- segment(wave, gender, age_group, role, company_size, industry, region): the respondents who match the
-- filters (each a list of option ids or waves, an empty list meaning all), with two constant columns, so that
-- a query picks its split and its weight by name (COLUMNS(lambda c: c = $by)) as it picks any other column:
-- "none", 'all' for everyone (no split), and weight_none, 1 (unweighted). ("none" is an ENUM of one value:
-- grouping on a constant text costs twice as much.)
CREATE MACRO segment(wave_in, gender_in, age_group_in, role_in, company_size_in, industry_in, region_in) AS TABLE
SELECT r.*, 'all'::ENUM('all') AS "none", 1.0::DOUBLE AS weight_none
FROM survey.respondents AS r
WHERE (len(wave_in) = 0 OR list_contains(wave_in, r.wave))
  AND (len(gender_in) = 0 OR chosen(try_cast(gender_in AS gender_option[]), r.gender))
  AND (len(age_group_in) = 0 OR chosen(try_cast(age_group_in AS age_group_option[]), r.age_group))
  AND (len(role_in) = 0 OR chosen(try_cast(role_in AS role_option[]), r.role))
  AND (len(company_size_in) = 0 OR chosen(try_cast(company_size_in AS company_size_option[]), r.company_size))
  AND (len(industry_in) = 0 OR chosen(try_cast(industry_in AS industry_option[]), r.industry))
  AND (len(region_in) = 0 OR chosen(try_cast(region_in AS region_option[]), r.region));

-- group_order(splits): the groups of each split in the list `splits` with their position: 'all' (the split
-- 'none') is 0, the options of a dimension come in codebook order, waves in their order.
CREATE MACRO group_order(splits) AS TABLE
SELECT 'none' AS split, 'all' AS grp, 0 AS group_position
UNION ALL
SELECT question_id AS split, option_id AS grp, position AS group_position
FROM survey.codebook_options
WHERE list_contains(splits, question_id)
UNION ALL
SELECT 'wave' AS split, wave AS grp, row_number() OVER (ORDER BY wave) AS group_position
FROM survey.waves
WHERE list_contains(splits, 'wave');
