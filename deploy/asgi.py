"""The app as its server runs it: app.py in Streamlit's own server (st.App), with each page told where the
server is.

    python -m streamlit run deploy/asgi.py [--server.port 8501 ...]

make run, the replicas (deploy/serve.py), the tests and the benchmarks all start this file.

Why: Streamlit's page finds its server by trying its own address first. Opened at /usage, it asks
/usage/_stcore/health, gets a 404, waits about 100 ms, then asks /_stcore/health. So every first visit to a
page other than the first one waited for nothing (streamlit/streamlit#11537 names the wait, and the way out:
a page that sets `window.__streamlit.BACKEND_BASE_URL` is asked nothing else). `PageBase` writes that setting
into the page's HTML, as a small script that runs before Streamlit's: where the address ends in one of the
app's pages (survey.output.pages), the server is the folder above it. Any other address (the first page, an
unknown page) is left to Streamlit, which finds the server as before. The script reads the address in the
browser, so it holds behind a proxy and under any base path.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from starlette.middleware import Middleware
from streamlit.starlette import App

from survey.output.pages import ADMIN, PAGES

ROOT = Path(__file__).resolve().parents[1]


def base_script(pages: list[str]) -> bytes:
    """The script that tells Streamlit's page where the server is, where the address ends in one of `pages`."""
    return ("<script>(() => {"
            f"const pages = {json.dumps(pages)}; "
            "const path = location.pathname.replace(/\\/+$/, '').split('/'); "
            "if (pages.includes(path.at(-1))) { path.pop(); "
            "window.__streamlit = {BACKEND_BASE_URL: location.origin + path.join('/') + '/'}; }"
            "})()</script>").encode()


def with_script(html: bytes, script: bytes) -> bytes:
    """`html` with `script` first in its head (unchanged where it has none)."""
    return html.replace(b"<head>", b"<head>" + script, 1)


class PageBase:
    """ASGI middleware: every HTML page Streamlit sends for a GET gets base_script first in its head. Its
    validators (ETag, Last-Modified) go with the change, so a browser never keeps a page without it; a
    compressed page is sent uncompressed (Streamlit's page is a few kilobytes), and a file is always sent as
    its bytes (not handed to the server by path, where a server offers that). Anything else passes as it is,
    streamed."""

    def __init__(self, app, pages: list[str]) -> None:
        self.app = app
        self.script = base_script(pages)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        extensions = {k: v for k, v in scope.get("extensions", {}).items() if k != "http.response.pathsend"}
        scope = {**scope, "extensions": extensions}
        start: dict = {}
        body: list[bytes] = []

        async def rewrite(message) -> None:
            if message["type"] == "http.response.start":
                headers = dict(message["headers"])
                if not headers.get(b"content-type", b"").startswith(b"text/html"):
                    await send(message)
                    return
                start.update(message)
                return
            if not start or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = b"".join(body)
            if dict(start["headers"]).get(b"content-encoding") == b"gzip":
                page = gzip.decompress(page)
            page = with_script(page, self.script)
            dropped = {b"content-length", b"content-encoding", b"etag", b"last-modified"}
            headers = [(k, v) for k, v in start["headers"] if k.lower() not in dropped]
            await send({**start, "headers": [*headers, (b"content-length", str(len(page)).encode())]})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, rewrite)


PAGE_PATHS = [page.key for page in PAGES] + [ADMIN.key]
app = App(ROOT / "app.py", middleware=[Middleware(PageBase, pages=PAGE_PATHS)])
