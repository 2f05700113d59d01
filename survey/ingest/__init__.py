"""Answers into the database: reading files (sources, staging), mapping their columns (mapping), checking
them (validate), writing and publishing a version (build, versions, imports), a client's own answers
(clients).

Layer 5 of survey/ (docs/development.md). May import: the layers below (queries is layer 0).
"""
