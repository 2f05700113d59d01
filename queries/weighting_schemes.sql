-- One row per wave and weighting scheme that has weights for that wave's respondents: a row of weighting_info,
-- where the respondents have the scheme's column (weight_<scheme>). A scheme is there for a selection when
-- every wave of it has its row (survey.analysis.dataset.weight_schemes).
SELECT i.wave, i.scheme
FROM weighting_info AS i
WHERE EXISTS (SELECT 1 FROM duckdb_columns() AS c
              WHERE c.database_name = 'survey' AND c.table_name = 'respondents'
                AND c.column_name = 'weight_' || i.scheme)
ORDER BY i.wave, i.scheme;
