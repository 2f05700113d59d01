"""What the database says: what it holds (dataset), shares and crosstabs (results), what stands out, the
headlines and findings, the published figures reproduced (figures), the benchmark of a client.

Layer 7 of survey/ (docs/development.md). May import: the layers below and queries.
"""
