"""What a survey is: the codebook of questions and options, the view a page shows (state), filters, the
population the sample is compared with.

Layer 3 of survey/ (docs/development.md). May import: queries, survey.base, survey.texts.
"""
