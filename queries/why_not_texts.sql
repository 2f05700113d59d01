-- One row per free-text answer to "why no guidelines?" among the respondents who match the filters: the coded
-- reason (option id) and the text. No respondent id or profile goes with it. At most $limit rows, in the
-- order of the reasons (the column's ENUM is in codebook order); why_not_count says how many there are in all.
-- $search: text the answer must contain, ignoring case; empty for all; example: ""
-- $limit: the most rows to return; example: 500
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
SELECT
    s.guidelines_why_not::VARCHAR AS reason,
    s.guidelines_why_not_text AS text
FROM segment($wave, $gender, $age_group, $role, $company_size, $industry, $region) AS s
WHERE s.guidelines_why_not_text IS NOT NULL
  AND ($search = '' OR contains(lower(s.guidelines_why_not_text), lower($search)))
ORDER BY s.guidelines_why_not, s.respondent_id
LIMIT $limit;
