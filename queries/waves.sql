-- One row per wave of the survey in the database: its respondents, where its answers came from, and whether
-- they are the reconstruction.
SELECT wave, respondents, source, reconstructed
FROM waves
ORDER BY wave;
