-- The line of the segment (_segment.sql) for a filter on the answers to one question: the respondent chose one
-- of the options in the bound list ${question}. Not run by name: the loader writes one in for each question
-- filtered on, its names looked up in the allowlist of the codebook's questions with a column (never a value).
-- A single-choice question is tested as a dimension is (chosen, on its ENUM column {column} = "<question>");
-- a multi-choice one on the bits of its answer ({test} any_chosen, {column} "<question>_mask"): any of the
-- options chosen. A respondent not asked the question (routing, or a wave that did not ask it) has NULL there,
-- so the filter keeps only those asked and answering so.
  AND {test}(try_cast(${question} AS "{question}_option"[]), r.{column})
