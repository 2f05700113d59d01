"""Kept: the most recently used values by key, for results that never go stale under their key (the key names
the database version they were computed from). Safe to share between threads (Streamlit sessions). The loader
keeps its results in one; the core keeps what it computes from them in others.

    kept = Kept(256)
    kept.get(("v1", "private_use"), lambda: compute())  # computed on the first call, looked up after
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class Kept:
    def __init__(self, size: int) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.items: OrderedDict[Hashable, object] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value kept under `key`, or else `make()`, kept. Two threads missing the same key at once may
        both make it; both get a correct value."""
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = make()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value

    def find(self, key: Hashable):
        """The value kept under `key`, or None."""
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
