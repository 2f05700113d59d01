"""Answers leave the server at once: TCP_NODELAY on the process's TCP sockets.

Streamlit's server (uvicorn, since Streamlit moved off Tornado) binds its listening socket without naming the
protocol, so the sockets it accepts carry protocol 0 and asyncio does not turn Nagle's algorithm off for them
(asyncio sets TCP_NODELAY only where `sock.proto == IPPROTO_TCP`). Every answer on a kept connection then
waits for the browser's delayed acknowledgement: about 40 ms for each of the ~130 scripts a first visit loads
over six connections, and for the messages of a script run (measured in bench/RESULTS.md, "In the browser").

`no_delay()` sets TCP_NODELAY on every TCP socket the process holds: the listening one, whose setting the
connections accepted later inherit (Linux), and those already connected. It needs nothing of Streamlit's
internals, so it holds however the app is started (make run, deploy/serve.py, the tests, the benchmarks).
"""
from __future__ import annotations

import functools
import os
import socket

FOLDERS = ("/proc/self/fd", "/dev/fd")  # the process's open files: Linux, then other Unixes


def descriptors() -> list[int]:
    """The process's open file descriptors (none where the system does not list them)."""
    for folder in FOLDERS:
        try:
            return [int(name) for name in os.listdir(folder) if name.isdigit()]
        except OSError:
            continue
    return []


def no_delay_on(fd: int) -> bool:
    """TCP_NODELAY on the socket of `fd`, if it is a TCP socket; True if it was set."""
    try:
        sock = socket.socket(fileno=os.dup(fd))  # a copy of the descriptor: closing it leaves the original open
    except OSError:  # not a socket, or closed meanwhile
        return False
    with sock:
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.type != socket.SOCK_STREAM:
            return False
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            return False
        return True


@functools.cache
def no_delay() -> int:
    """TCP_NODELAY on every TCP socket of the process, once per process; how many were set."""
    return sum(no_delay_on(fd) for fd in descriptors())
