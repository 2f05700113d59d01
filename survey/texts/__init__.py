"""The app's words: every text of one language in one file (nb.py, en.py), said by i18n (the messages of the
pages and files, number formats) and problems (the sentences for bad input).

Layer 2 of survey/ (docs/development.md). May import: queries, survey.base.
"""
