"""What every layer may use: where files are (paths), results kept by shape (kept), the colours, runs taking
turns in a process (turns), sockets that answer at once (sockets), the waits after failed passphrase attempts
(attempts).

Layer 1 of survey/ (docs/development.md). May import: queries.
"""
