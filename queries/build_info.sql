-- One row: what the database was built from, when, and whether the answers are the reconstruction.
SELECT built_at, source, source_sha256, respondents, codebook_version, reconstructed
FROM build_info;
