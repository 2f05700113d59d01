-- One row per free-text answer to "why no guidelines?" among the respondents who match the filters: the coded
-- reason (option id), the text, and how many answers match in all (matching, the same on every row; no rows
-- where none match). No respondent id or profile goes with it. At most $limit rows, in the order of the
-- reasons (the column's ENUM is in codebook order). n is how many of them gave a text at all, whatever the
-- search (the same on every row), and n_key the sum of their cell keys: n is a count of people, published
-- with noise like every other (survey.stats.protection), so that it is the number a chart of the same people shows;
-- matching is a count of the texts the search finds, which are listed.
-- $search: text the answer must contain, ignoring case; empty for all; example: ""
-- $limit: the most rows to return; example: 500
-- $wave, $gender, $age_group, $role, $company_size, $industry, $region: filters, lists of waves or option ids, empty for all; example: []
WITH written AS MATERIALIZED (
    -- Filtered once, for the rows and for their counts.
    SELECT s.guidelines_why_not AS reason, s.respondent_id, s.guidelines_why_not_text AS text, s.cell_key
    FROM {segment} AS s
    WHERE s.guidelines_why_not_text IS NOT NULL
),
answers AS (
    SELECT * FROM written WHERE $search = '' OR contains(lower(text), lower($search))
)
SELECT reason::VARCHAR AS reason, text, (SELECT count(*) FROM answers) AS matching,
       (SELECT count(*) FROM written) AS n, (SELECT sum(cell_key) FROM written)::BIGINT AS n_key
FROM answers
ORDER BY answers.reason, respondent_id
LIMIT $limit;
