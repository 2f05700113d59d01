-- One part of query shares (_shares.sql): the respondents who match the filters and were asked the question,
-- counted per combination of the part's splits, the wave and the answer. Not run by name: queries.shares()
-- fills in the names in braces, each a column of the respondents that the codebook allows, quoted:
-- {part} the part's number (its question, $questions[{part}], goes with each cell); {splits} every split of
-- the statement, as text where the part asks for it and NULL where it does not ('all' for the split none);
-- {groups} the part's own split columns, each followed by a comma; {answer} the question's column (its _mask
-- for a multi-choice question); {option} and {mask} the answer as text or NULL; {sums}, {w_n}, {w2_n} the
-- sums of the weights, or for no weights the count again; {weighted} for a weighting scheme, the condition
-- that the respondent has a weight (a wave without the scheme has none: its respondents are left out rather
-- than counted in n but not in the weighted sums); {keys} the sum of the cell keys (k: survey.stats.protection),
-- left out where every count is exact, and {k} then NULL.
-- {wave_group} and {cell_wave}: where the waves that asked the question offered different options, the cells
-- keep the wave (cell_wave), so that each option is counted only in the waves that offered it; otherwise
-- they are counted without it (cheaper), and cell_wave is the first wave that asked the question, whose
-- options are those every such wave offered ($cell_waves[{part}], bound: one per part).
SELECT {part} AS part, $questions[{part}] AS question, {splits}, {cell_wave} AS cell_wave, {option} AS option,
       {mask} AS mask, n, {w_n} AS w_n, {w2_n} AS w2_n, {k} AS k
FROM (
    SELECT {groups} {wave_group}{answer} AS answer, count(*) AS n{sums}{keys}
    FROM filtered
    WHERE {answer} IS NOT NULL{weighted}
    GROUP BY ALL
)
