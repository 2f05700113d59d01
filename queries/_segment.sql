-- The respondents who match the filters, with two constant columns, so that a query picks its split and its
-- weight by name (COLUMNS(lambda c: c = $by)) as it picks any other column: "none", 'all' for everyone (no
-- split), and weight_none, 1 (unweighted). ("none" is an ENUM of one value: grouping on a constant text costs
-- twice as much.) Not run by name: a query reads it as {segment}, which run() and shares() write in.
--
-- Each filter is a list of option ids (of waves for the wave), an empty list meaning everyone, and has a line
-- of its own that says so: the statement means the same with or without the line of an empty filter. The
-- lines of the filters left empty are left out when it is written in, so that DuckDB does not bind and plan
-- them (a millisecond and more a statement, when most views filter on one dimension or none).
-- chosen() (_macros.sql) turns a list into bits once per statement; each respondent then costs a shift.
-- cell_key is the respondent's record key where the wave's counts are perturbed, NULL where they are exact
-- (survey.stats.protection): written in as r.record_key, NULL, or, where some waves are exact and others not, a
-- CASE on the bound list $exact_waves. A count's key is the sum of its respondents' cell keys.
-- {answers}: a line of _answer.sql for each question filtered on by its answers, written in by the loader (none
-- where there is no such filter).
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
SELECT r.*, 'all'::ENUM('all') AS "none", 1.0::DOUBLE AS weight_none, {cell_key} AS cell_key
FROM survey.respondents AS r
WHERE TRUE
  AND (len($wave) = 0 OR list_contains($wave, r.wave))
  AND (len($gender) = 0 OR chosen(try_cast($gender AS gender_option[]), r.gender))
  AND (len($age_group) = 0 OR chosen(try_cast($age_group AS age_group_option[]), r.age_group))
  AND (len($role) = 0 OR chosen(try_cast($role AS role_option[]), r.role))
  AND (len($company_size) = 0 OR chosen(try_cast($company_size AS company_size_option[]), r.company_size))
  AND (len($industry) = 0 OR chosen(try_cast($industry AS industry_option[]), r.industry))
  AND (len($region) = 0 OR chosen(try_cast($region AS region_option[]), r.region))
{answers}
