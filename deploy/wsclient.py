"""A session of the app without a browser: Streamlit's own websocket protocol (the BackMsg and ForwardMsg
messages that ship with Streamlit), spoken as the browser speaks it.

A session connects to `/_stcore/stream`, asks for a page (a rerun with the page and the query string, as the
browser's first message), and reads what the script sends until its "script finished" message: the time from
the action to that message is the action's latency. It keeps the widgets the script drew (id, label, options)
so that it can change a filter or the compare-by as a person would, by the widget's label and an option's
label, and it goes to another page by the page's address. An exception drawn by the script, a run that ends
otherwise than finished, a closed connection or a timeout is an error.

Through a proxy with sticky sessions (deploy/nginx.conf), `Session(base, sticky=True)` first loads the page
as a browser does and keeps the replica cookie the proxy sets (`cookie`), then sends it on the websocket's
handshake, so the session stays on one replica.
"""
from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

STICKY_COOKIE = "survey_replica"  # deploy/nginx.conf
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}
WIDGETS = ("multiselect", "selectbox")  # the sidebar's filters and compare-by


@dataclass
class Widget:
    id: str
    kind: str
    options: list[str]


@dataclass
class Run:
    """What one action took and showed: seconds to the script's end, and any error."""

    seconds: float
    error: str | None = None
    texts: list[str] = field(default_factory=list)  # the markdown and captions drawn, to check what was shown


class Session:
    def __init__(self, base: str, timeout: float = 60.0, sticky: bool = False):
        self.base = base.rstrip("/")
        self.url = base.replace("http://", "ws://").replace("https://", "wss://").rstrip("/") + "/_stcore/stream"
        self.timeout = timeout
        self.sticky = sticky
        self.cookie: str | None = None  # the proxy's replica cookie, with sticky=True
        self.socket = None
        self.widgets: dict[str, Widget] = {}  # by label
        self.states: dict[str, WidgetState] = {}  # by widget id: what this session has set
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page = ""
        self.query = ""

    async def __aenter__(self) -> "Session":
        headers = {}
        if self.sticky:
            self.cookie = await asyncio.to_thread(self.replica_cookie)
            if self.cookie:
                headers["Cookie"] = f"{STICKY_COOKIE}={self.cookie}"
        # No keepalive pings: a browser sends none, and a busy server then looks like a broken connection. The
        # page's own origin, as a browser sends it (Streamlit compares it with the Host the proxy passes on).
        self.socket = await websockets.connect(self.url, max_size=None, open_timeout=self.timeout, ping_interval=None,
                                               origin=self.base, additional_headers=headers)
        return self

    def replica_cookie(self) -> str | None:
        """The page loaded as a browser loads it first; the replica cookie the proxy set, if any."""
        with urllib.request.urlopen(self.base + "/", timeout=self.timeout) as answer:
            answer.read()
            cookies = SimpleCookie()
            for header in answer.headers.get_all("Set-Cookie") or []:
                cookies.load(header)
        return cookies[STICKY_COOKIE].value if STICKY_COOKIE in cookies else None

    async def __aexit__(self, *exc) -> None:
        await self.socket.close()

    async def open(self, page: str = "", query: str = "") -> Run:
        """The first request of a session: a page (its address, "" for the first) with a query string."""
        self.page, self.query = page, query
        return await self.rerun()

    async def goto(self, page: str) -> Run:
        """Another page of the app, with the view the session holds (as a click in the sidebar)."""
        self.page = page
        return await self.rerun()

    async def choose(self, label: str, options: list[str]) -> Run:
        """Set the multi-select labelled `label` to `options` (their labels; [] for none), or the select box
        labelled `label` to the one option."""
        widget = self.widgets[label]
        state = WidgetState(id=widget.id)
        if widget.kind == "multiselect":
            state.string_array_value.data.extend(options)
        else:
            state.string_value = options[0]
        self.states[widget.id] = state
        return await self.rerun()

    async def rerun(self) -> Run:
        message = BackMsg()
        client = message.rerun_script
        client.query_string = self.query
        client.page_name = self.page
        client.page_script_hash = self.pages.get(self.page, "")
        client.widget_states.widgets.extend(self.states.values())
        started = time.perf_counter()
        try:
            await self.socket.send(message.SerializeToString())
            error, texts = await asyncio.wait_for(self.until_finished(), self.timeout)
        except (asyncio.TimeoutError, websockets.ConnectionClosed, OSError) as err:
            return Run(time.perf_counter() - started, f"{type(err).__name__}: {err}")
        return Run(time.perf_counter() - started, error, texts)

    async def until_finished(self) -> tuple[str | None, list[str]]:
        """Read the script's messages up to its end; keep its widgets and pages, and say any exception."""
        error, texts, seen = None, [], set()
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self.socket.recv())
            kind = message.WhichOneof("type")
            if kind == "navigation":
                self.pages.update({p.url_pathname: p.page_script_hash for p in message.navigation.app_pages})
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                error = self.read(element, texts, seen) or error
            elif kind == "script_finished" and message.script_finished in FINISHED:
                if message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    error = error or "the script did not compile"
                self.forget_gone(seen)
                return error, texts

    def read(self, element, texts: list[str], seen: set[str]) -> str | None:
        what = element.WhichOneof("type")
        if what == "exception":
            return f"{element.exception.type}: {element.exception.message}"
        if what == "markdown":
            texts.append(element.markdown.body)
        elif what in WIDGETS:
            widget = getattr(element, what)
            self.widgets[widget.label] = Widget(widget.id, what, list(widget.options))
            seen.add(widget.id)
        return None

    def forget_gone(self, seen: set[str]) -> None:
        """A widget the run did not draw (another page's, or the other language's) has no state to send."""
        self.states = {i: s for i, s in self.states.items() if i in seen}
