"""The data the app ships: the reconstruction of the published survey (reconstruct, phrases) and synthetic
databases of any size (synth).

Layer 6 of survey/ (docs/development.md). May import: the layers below (queries is layer 0).
"""
