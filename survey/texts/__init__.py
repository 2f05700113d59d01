"""The app's words: the messages of each language (i18n) and the sentences for bad input (problems).

Layer 2 of survey/ (docs/development.md). May import: survey.base.
"""
