-- One row per wave and weighting scheme computed for that wave: how the raking in the build went (iterations,
-- convergence, the largest gap left between a weighted margin and its target, trimming, design effect and
-- efficiency, weight range). A weight delivered with the data (scheme delivered) was not raked here: its
-- raking columns may be NULL.
SELECT wave, scheme, dimensions, iterations, converged, max_margin_error, trimmed, design_effect, efficiency,
       min_weight, max_weight, trim_lower, trim_upper, dropped_targets
FROM weighting_info
ORDER BY wave, scheme;
