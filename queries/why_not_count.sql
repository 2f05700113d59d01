-- One row: how many free-text answers to "why no guidelines?" (n) the respondents who match the filters gave,
-- of those containing $search.
-- $search: text the answer must contain, ignoring case; empty for all; example: ""
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
SELECT count(*) AS n
FROM segment($wave, $gender, $age_group, $role, $company_size, $industry, $region) AS s
WHERE s.guidelines_why_not_text IS NOT NULL
  AND ($search = '' OR contains(lower(s.guidelines_why_not_text), lower($search)));
