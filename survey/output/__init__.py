"""What a person takes away: charts, slides, CSV and Excel (exports), the report, the banner tables and the
benchmark's files; the list of the files the app offers (downloads).

Layer 8 of survey/ (docs/development.md). May import: the layers below (queries is layer 0).
"""
