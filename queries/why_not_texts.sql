-- One row per free-text answer to "why no guidelines?" among the respondents who match the filters: the coded
-- reason (option id), the text, and how many answers match in all (matching, the same on every row; no rows
-- where none match). No respondent id or profile goes with it. At most $limit rows, in the order of the
-- reasons (the column's ENUM is in codebook order).
-- $search: text the answer must contain, ignoring case; empty for all; example: ""
-- $limit: the most rows to return; example: 500
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
WITH answers AS MATERIALIZED (
    -- Filtered once, for the rows and for their count.
    SELECT s.guidelines_why_not AS reason, s.respondent_id, s.guidelines_why_not_text AS text
    FROM {segment} AS s
    WHERE s.guidelines_why_not_text IS NOT NULL
      AND ($search = '' OR contains(lower(s.guidelines_why_not_text), lower($search)))
)
SELECT reason::VARCHAR AS reason, text, (SELECT count(*) FROM answers) AS matching
FROM answers
ORDER BY answers.reason, respondent_id
LIMIT $limit;
