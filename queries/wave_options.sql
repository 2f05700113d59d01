-- One row per wave, question and option that the wave asked: a question a wave did not ask has no rows for
-- that wave, and a multi-choice option a wave did not offer has no row (position: the option's place in the
-- codebook).
SELECT wave, question_id, option_id, position
FROM wave_options
ORDER BY wave, question_id, position;
