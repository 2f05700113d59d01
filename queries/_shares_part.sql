-- One part of query shares (_shares.sql): the respondents who match the filters and were asked the question,
-- counted per combination of the part's splits and the answer. Not run by name: queries.shares() fills in the
-- names in braces, each a column of the respondents that the codebook allows, quoted:
-- {part} the part's number (its question, $questions[{part}], goes with each cell); {splits} every split of
-- the statement, as text where the part asks for it and NULL where it does not ('all' for the split none);
-- {groups} the part's own split columns, each followed by a comma; {answer} the question's column (its _mask
-- for a multi-choice question); {option} and {mask} the answer as text or NULL; {sums}, {w_n}, {w2_n} the
-- sums of the weights, or for no weights the count again.
SELECT {part} AS part, $questions[{part}] AS question, {splits}, {option} AS option, {mask} AS mask,
       n, {w_n} AS w_n, {w2_n} AS w2_n
FROM (
    SELECT {groups} {answer} AS answer, count(*) AS n{sums}
    FROM filtered
    WHERE {answer} IS NOT NULL
    GROUP BY ALL
)
