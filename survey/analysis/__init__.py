"""What the database says: what it holds (dataset), shares and crosstabs (results), the method page's tables
(method), what stands out (standout), the headlines and findings, the published figures reproduced
(published), the benchmark of a client.

Layer 7 of survey/ (docs/development.md). May import: the layers below (queries is layer 0).
"""
