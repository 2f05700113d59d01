"""Passphrase attempts, and the waits that failed ones make: an attempt is checked only once the wait after the
last failure of its address (ATTEMPTS), of its session (an Attempts of the session's own) and of the whole
server (SERVER) has passed, and then compared in constant time (check). Failures and refusals are logged,
never what was typed.

    session = Attempts()  # one a session, kept with it
    checked = check(given, expected, address_of(ip, headers, behind_proxy()), session, "viewer_ok")
    checked.right, checked.wait_left  # let in; or the seconds to wait where it was refused unchecked

No Streamlit: survey.ui.access asks for the passphrase and says what check() found.
"""
from __future__ import annotations

import collections
import hmac
import ipaddress
import logging
import math
import os
import threading
import time
from dataclasses import dataclass

SESSION = "session"  # who a session's own Attempts counts
MAX_WAIT = 60.0  # seconds: after enough failures, one attempt a minute
PROXY_SETTING = "SURVEY_BEHIND_PROXY"  # "1" where a proxy in front sets X-Real-IP (deploy/ sets it)


def now() -> float:
    return time.monotonic()


class Attempts:
    """Failed passphrase attempts by who made them (a client address, or a session's own), in this process: the
    n-th failure in a row makes the next attempt wait 2^(n-1) seconds (1, 2, 4, … at most MAX_WAIT), so 300
    guesses take hours, not a second. A success clears its address. Behind a proxy every client has the proxy's
    address: the wait is then shared by all (the session's own still holds for each)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: dict[str, tuple[int, float]] = {}  # who: (failures in a row, when the next may be checked)

    def wait(self, who: str) -> float:
        with self.lock:
            return max(0.0, self.seen.get(who, (0, 0.0))[1] - now())

    def failures(self, who: str) -> int:
        with self.lock:
            return self.seen.get(who, (0, 0.0))[0]

    def failed(self, who: str) -> int:
        with self.lock:
            count = self.seen.get(who, (0, 0.0))[0] + 1
            self.seen[who] = (count, now() + min(MAX_WAIT, 2.0 ** (count - 1)))
            return count

    def succeeded(self, who: str) -> None:
        with self.lock:
            self.seen.pop(who, None)


class Window:
    """Failed attempts of the whole server: at most `most` in any `seconds`; past that, every attempt, from
    anyone, waits until the oldest of them is out of the window. Whatever an attacker makes look like many
    people (new sessions, addresses), the guesses checked stay few."""

    def __init__(self, most: int, seconds: float) -> None:
        self.most, self.seconds = most, seconds
        self.lock = threading.Lock()
        self.times: collections.deque[float] = collections.deque()

    def _forget(self) -> None:
        while self.times and self.times[0] <= now() - self.seconds:
            self.times.popleft()

    def wait(self) -> float:
        with self.lock:
            self._forget()
            return 0.0 if len(self.times) < self.most else self.times[-self.most] + self.seconds - now()

    def failed(self) -> None:
        with self.lock:
            self._forget()
            self.times.append(now())


ATTEMPTS = Attempts()
SERVER = Window(most=20, seconds=60.0)  # 20 failed attempts a minute, from all together
ACCESS_LOG = logging.getLogger("survey.access")  # failures and refusals, never what was typed
if not ACCESS_LOG.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    ACCESS_LOG.addHandler(_handler)


@dataclass(frozen=True)
class Checked:
    """What one attempt came to: `right`, let in; `wait_left`, the seconds of waiting that were left where it
    was refused unchecked (0 where it was checked)."""
    right: bool
    wait_left: float = 0.0


def waiting(address: str, session: Attempts) -> float:
    """The seconds before an attempt from `address` in `session` is checked: the longest of the address's wait,
    the session's and the server's."""
    return max(ATTEMPTS.wait(address), session.wait(SESSION), SERVER.wait())


def check(given: str, expected: str, address: str, session: Attempts, what: str) -> Checked:
    """One attempt at the passphrase `what` (named so in the log): refused unchecked while a wait lasts, else
    compared in constant time; a failure counts for the address, the session and the server, a success clears
    the address."""
    wait = waiting(address, session)
    if wait > 0:
        ACCESS_LOG.warning("%s passphrase attempt from %s refused unchecked: %.0f s of waiting left", what, address,
                           wait)
        return Checked(right=False, wait_left=wait)
    if hmac.compare_digest(given.encode(), expected.encode()):
        ATTEMPTS.succeeded(address)
        return Checked(right=True)
    failures = ATTEMPTS.failed(address)
    session.failed(SESSION)
    SERVER.failed()
    ACCESS_LOG.warning("wrong %s passphrase from %s (failure %d from the address, %d in the session); the next "
                       "attempt is checked after %d s", what, address, failures, session.failures(SESSION),
                       math.ceil(waiting(address, session)))
    return Checked(right=False)


def behind_proxy() -> bool:
    """Whether the deployment says a proxy in front of the app sets X-Real-IP, replacing any a client sent."""
    return os.environ.get(PROXY_SETTING, "").strip().lower() in ("1", "true", "yes")


def address_of(ip: str | None, headers, proxied: bool) -> str:
    """The connection's own address; for a connection from this machine (Streamlit gives no address then),
    the address the proxy passes in X-Real-IP where the deployment says a proxy sets it (so that the people
    behind one proxy do not share one address's wait), never a header a client could have sent itself;
    else "local"."""
    if isinstance(ip, str) and ip:
        return ip
    return (proxied_address(headers) if proxied else None) or "local"


def proxied_address(headers) -> str | None:
    """The proxy's X-Real-IP, where it is an IP address (a header is text from outside)."""
    value = headers.get("X-Real-Ip") if hasattr(headers, "get") else None
    if not isinstance(value, str):
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None
