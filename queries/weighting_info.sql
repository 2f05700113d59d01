-- One row per weighting scheme: how the raking in the build went (iterations, convergence, the largest gap
-- left between a weighted margin and its target, trimming, design effect and efficiency, weight range).
SELECT scheme, dimensions, iterations, converged, max_margin_error, trimmed, design_effect, efficiency,
       min_weight, max_weight, trim_lower, trim_upper, dropped_targets
FROM weighting_info
ORDER BY scheme;
