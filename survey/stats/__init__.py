"""Numbers from counts: intervals and tests (formulas), the rules of estimates and small groups (estimates),
the noise that protects small groups (protection), weights (weighting).

Layer 4 of survey/ (docs/development.md). May import: queries, survey.base, survey.texts, survey.model.
"""
