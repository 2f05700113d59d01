-- Table macros shared by the query modules. Not a query: the loader runs this file once per connection.
--
-- segment(split_by, weights, wave, gender, age_group, role, company_size, industry, region): the respondents
-- who match the filters (each a list of option ids or waves, an empty list meaning all), with the column grp:
-- the respondent's option of the dimension `split_by` (or wave), or 'all' when `split_by` is 'none'; and w: the
-- respondent's weight in the scheme `weights` ('none': 1; an unknown scheme: NULL, so sums are NULL).
CREATE MACRO segment(split_by, weights, wave_in, gender_in, age_group_in, role_in, company_size_in, industry_in, region_in) AS TABLE
SELECT
    r.*,
    CASE weights
        WHEN 'none' THEN 1.0
        WHEN 'company' THEN r.weight_company
        WHEN 'person' THEN r.weight_person
    END AS w,
    CASE split_by
        WHEN 'none' THEN 'all'
        WHEN 'wave' THEN r.wave
        WHEN 'gender' THEN r.gender::VARCHAR
        WHEN 'age_group' THEN r.age_group::VARCHAR
        WHEN 'role' THEN r.role::VARCHAR
        WHEN 'company_size' THEN r.company_size::VARCHAR
        WHEN 'industry' THEN r.industry::VARCHAR
        WHEN 'region' THEN r.region::VARCHAR
    END AS grp
FROM survey.respondents AS r
WHERE (len(wave_in) = 0 OR list_contains(wave_in, r.wave))
  AND (len(gender_in) = 0 OR list_contains(gender_in, r.gender))
  AND (len(age_group_in) = 0 OR list_contains(age_group_in, r.age_group))
  AND (len(role_in) = 0 OR list_contains(role_in, r.role))
  AND (len(company_size_in) = 0 OR list_contains(company_size_in, r.company_size))
  AND (len(industry_in) = 0 OR list_contains(industry_in, r.industry))
  AND (len(region_in) = 0 OR list_contains(region_in, r.region));

-- group_order(split_by): the groups of the dimension `split_by` with their codebook position ('all' is 0;
-- waves in their order).
CREATE MACRO group_order(split_by) AS TABLE
SELECT 'all' AS grp, 0 AS group_position
UNION ALL
SELECT option_id AS grp, position AS group_position
FROM survey.codebook_options
WHERE question_id = split_by
UNION ALL
SELECT wave AS grp, row_number() OVER (ORDER BY wave) AS group_position
FROM survey.waves
WHERE split_by = 'wave';

-- as_list(answer): a single-choice answer as a list of one option id, NULL where the question was not asked.
CREATE MACRO as_list(answer) AS CASE WHEN answer IS NOT NULL THEN [answer::VARCHAR] END;
