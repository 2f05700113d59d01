"""Several replicas behind nginx (deploy/): two replicas, each with a data folder of its own, and nginx in front
of them, driven through the proxy by the load client. Both replicas serve; a browser's cookie keeps all its
requests on one replica (nginx's access log names the replica of each); a new data version published to both
folders (deploy/publish.py) reaches both replicas without a restart. Then publish.py's and serve.py's answers
to what they cannot do."""
from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest

from bench import load
from deploy import publish, serve
from deploy.wsclient import STICKY_COOKIE, Session
from survey.ingest import versions
from survey.ingest.imports import build

ROOT = Path(__file__).resolve().parent.parent
SMALL_CSV = ROOT / "tests" / "fixtures" / "responses_small.csv"  # 10 respondents: a visibly different version
HAS_NGINX = bool(shutil.which("nginx")) or Path("/usr/sbin/nginx").exists()
needs_nginx = pytest.mark.skipif(not HAS_NGINX, reason="nginx is not installed (Debian: apt-get install nginx; "
                                                        ".ci/run installs it)")
LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) [^"]*" (?P<status>\d+) \d+ '
                  r'upstream=(?P<upstream>\S+) route=(?P<route>\S+)')


def requests(cluster: serve.Cluster) -> list[dict]:
    """nginx's access log: each request's path, status, replica (host:port) and route (the cookie's value)."""
    text = cluster.access_log.read_text(encoding="utf-8")
    return [m.groupdict() for m in map(LINE.search, text.splitlines()) if m]


def replica_of(cluster: serve.Cluster, route: str) -> str:
    return next(r["upstream"] for r in requests(cluster) if r["route"] == route)


def shown_n(texts: list[str]) -> str | None:
    """The n of the first page's selection line ("Selection: all respondents. n = 847 respondents")."""
    found = next((re.search(r"n = ([\d\s\u00a0,]+) ", t) for t in texts if t.startswith("Selection:")), None)
    return re.sub(r"\D", "", found.group(1)) if found else None


async def visit(url: str) -> tuple[str | None, object]:
    """A new browser through the proxy: its replica cookie, and its first page in English."""
    async with Session(url, sticky=True, timeout=40) as session:
        return session.cookie, await session.open("", "lang=en")


@pytest.fixture(scope="module")
def deployment(seed_db, tmp_path_factory):
    """Two replicas, each over its own copy of the seed database's version, behind nginx."""
    root = tmp_path_factory.mktemp("deploy")
    folders = [root / "replica-a", root / "replica-b"]
    for place in folders:
        place.mkdir()
    outcomes = publish.publish(seed_db, folders)
    assert [o.error for o in outcomes] == [None, None] and all(o.copied for o in outcomes)
    with serve.replicas(2, [place / seed_db.name for place in folders]) as cluster:
        asyncio.run(first_runs(cluster))
        yield cluster, folders, root


async def first_runs(cluster: serve.Cluster) -> None:
    """A page on each replica, directly, before the crowd: a process's first run imports everything (and
    sessions that start together on a process that has run nothing yet may draw no sidebar)."""
    async def one(url: str) -> None:
        async with Session(url, timeout=40) as session:
            assert (await session.open()).error is None

    await asyncio.gather(*(one(r.url) for r in cluster.replicas))


@needs_nginx
def test_both_replicas_serve_and_a_browser_stays_on_one(deployment, seed_db):
    cluster, folders, _ = deployment
    addresses = {f"127.0.0.1:{r.port}" for r in cluster.replicas}
    pids = [p.pid for p in cluster.processes]
    measured = asyncio.run(load.crowd(cluster.url, pids, sessions=8, seconds=6, think=(0.3, 0.8), sticky=True))
    assert measured["errors"] == 0, measured["first_errors"]
    assert measured["actions"] >= 8 and measured["cpu_cores"] > 0  # each opened its page at least
    for _ in range(20):  # 8 random cookies all on one replica: 1 in 128; a few more settle it
        if {r["upstream"] for r in requests(cluster) if r["path"] == "/_stcore/stream"} == addresses:
            break
        cookie, run = asyncio.run(visit(cluster.url))
        assert run.error is None, run.error
    sessions = [r for r in requests(cluster) if r["path"] == "/_stcore/stream"]
    assert {r["upstream"] for r in sessions} == addresses and all(r["status"] == "101" for r in sessions)
    replicas_of = defaultdict(set)
    for r in requests(cluster):
        replicas_of[r["route"]].add(r["upstream"])
    assert len({r["route"] for r in sessions}) >= 8
    assert all(len(replicas_of[r["route"]]) == 1 for r in sessions), replicas_of  # one cookie, one replica
    # The cookie goes to a browser without one, and only to it; a websocket's Origin is the proxy's own address.
    with urllib.request.urlopen(f"{cluster.url}/") as first:
        cookie = first.headers["Set-Cookie"]
    assert cookie.startswith(f"{STICKY_COOKIE}=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    again = urllib.request.Request(f"{cluster.url}/", headers={"Cookie": cookie.split(";")[0]})
    with urllib.request.urlopen(again) as second:
        assert second.headers["Set-Cookie"] is None


@needs_nginx
def test_the_access_log_holds_paths_never_what_an_address_carries(deployment):
    """A link of the older form, with the client in its query, reaches the proxy; its log names the path alone.
    The share link carries the client in the fragment, which a browser never sends (tests/test_browser_benchmark)."""
    cluster, _, _ = deployment
    secret = "Hemmelig Kunde 7F3A"
    query = urllib.parse.urlencode({"client_name": secret, "client": "guidelines:yes", "gender": "female"})
    with urllib.request.urlopen(f"{cluster.url}/benchmark?{query}") as answer:
        assert answer.status == 200
    text = cluster.access_log.read_text(encoding="utf-8")
    assert any(r["path"] == "/benchmark" for r in requests(cluster))
    assert "Hemmelig" not in text and "guidelines" not in text and "gender=" not in text and "?" not in text


@needs_nginx
def test_a_publish_reaches_both_replicas_without_a_restart(deployment):
    cluster, folders, root = deployment
    pids = [p.pid for p in cluster.processes]
    cookie, before = asyncio.run(visit(cluster.url))
    assert before.error is None and shown_n(before.texts) == "847"
    # A new version, built in a copy of the published database, then published to both replicas' folders.
    source = root / "source"
    source.mkdir()
    assert publish.publish(folders[0] / "survey.duckdb", [source])[0].error is None
    build(SMALL_CSV, source / "survey.duckdb")
    new = versions.current(source / "survey.duckdb").stem
    done = subprocess.run([sys.executable, str(ROOT / "deploy" / "publish.py"), "--from",
                           str(source / "survey.duckdb"), "--to", str(folders[0]), "--to", str(folders[1])],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(f"{new} copied and published") == 2
    assert [versions.current(place / "survey.duckdb").stem for place in folders] == [new, new]
    # New sessions through the proxy, on both replicas, show the new version: its 10 respondents.
    seen: dict[str, str] = {}
    for _ in range(24):
        cookie, run = asyncio.run(visit(cluster.url))
        assert run.error is None, run.error
        seen[replica_of(cluster, cookie)] = shown_n(run.texts)
        if len(seen) == 2:
            break
    assert seen == {f"127.0.0.1:{r.port}": "10" for r in cluster.replicas}
    assert [p.pid for p in cluster.processes] == pids and all(p.poll() is None for p in cluster.processes)


@needs_nginx
def test_a_replica_that_stops_is_started_again_and_serves(deployment):
    cluster, _, _ = deployment
    first = cluster.replicas[0]
    first.process.kill()
    first.process.wait()
    assert cluster.revive() == [f"the replica on port {first.port} stopped (exit code -9); it runs again "
                                f"(process {first.process.pid})"]
    assert first.alive() and cluster.replicas[1].restarts == 0
    for _ in range(24):
        cookie, run = asyncio.run(visit(cluster.url))
        assert run.error is None, run.error
        if replica_of(cluster, cookie) == f"127.0.0.1:{first.port}":
            break
    else:
        pytest.fail("no session reached the replica started again")


def test_publish_says_what_it_cannot_do_and_publishes_the_other_targets(published_db, tmp_path, capsys):
    version = versions.current(published_db)
    assert publish.main(["--from", str(tmp_path / "none.duckdb"), "--to", str(tmp_path)]) == 1
    assert capsys.readouterr().err == ("Nothing published: there is no published database at "
                                       f"{tmp_path / 'none.duckdb'} (--from).\n")
    plain = tmp_path / "plain.duckdb"
    shutil.copy(version, plain)
    assert publish.main(["--from", str(plain), "--to", str(tmp_path)]) == 1
    assert "is a plain database file, not a link to a version" in capsys.readouterr().err

    good, missing, under_file = tmp_path / "good", tmp_path / "gone" / "survey.duckdb", plain / "survey.duckdb"
    good.mkdir()
    assert publish.main(["--from", str(published_db), "--to", str(good), "--to", str(missing),
                         "--to", str(under_file)]) == 1
    said = capsys.readouterr()
    assert said.out == f"{good / 'survey.duckdb'}: {version.stem} copied and published.\n"
    assert said.err.splitlines() == [
        f"{missing}: not published: there is no folder {missing.parent}; it publishes no version.",
        f"{under_file}: not published: {plain} is a file, not a folder; it publishes no version."]
    assert versions.current(good / "survey.duckdb").read_bytes() == version.read_bytes()
    assert oct((good / "survey.duckdb.versions").stat().st_mode & 0o777) == "0o700"
    assert oct(versions.current(good / "survey.duckdb").stat().st_mode & 0o777) == "0o600"
    assert not [p for p in (good / "survey.duckdb.versions").iterdir() if ".building" in p.name]

    # Published again: the version is there, only the link is switched.
    assert publish.main(["--from", str(published_db), "--to", str(good / "survey.duckdb")]) == 0
    assert capsys.readouterr().out == f"{good / 'survey.duckdb'}: {version.stem} already there; published.\n"
    # A target that cannot take a new version says which one it still publishes.
    newer = build(SMALL_CSV, published_db)
    blocked = good / "survey.duckdb.versions" / versions.current(newer.path).name
    blocked.mkdir()
    assert publish.main(["--from", str(published_db), "--to", str(good)]) == 1
    said = capsys.readouterr().err
    assert said.startswith(f"{good / 'survey.duckdb'}: not published: {blocked} is there but is not a version file")
    assert said.endswith(f"; it still publishes {version.stem}.\n")


@pytest.mark.parametrize("arguments, sentence", [
    (["--replicas", "0"], "--replicas takes a whole number from 1 to 32, not 0"),
    (["--replicas", "two"], "argument --replicas: invalid int value: 'two'"),
    (["--port", "70000"], "--port takes a port number from 1 to 65535, not 70000"),
    (["--port", "8602", "--first-port", "8601"], "nginx's port 8602 is among the replicas' ports 8601–8602"),
    (["--db", "/nonexistent/survey.duckdb"], "there is no database at /nonexistent/survey.duckdb (--db)"),
])
def test_serve_says_what_is_wrong_with_its_arguments(arguments, sentence):
    done = subprocess.run([sys.executable, str(ROOT / "deploy" / "serve.py"), *arguments, "--print-config"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert sentence in done.stderr.splitlines()[-1]


@needs_nginx
def test_the_config_for_a_server_is_valid_nginx(tmp_path):
    done = subprocess.run([sys.executable, "-m", "deploy.serve", "--replicas", "3", "--port", "8080",
                           "--print-config", "--rundir", str(tmp_path)], capture_output=True, text=True, cwd=ROOT,
                          timeout=30)
    assert done.returncode == 0, done.stderr
    config = done.stdout
    assert "@{" not in config and config.count("server 127.0.0.1:86") == 3 and "hash $route consistent" in config
    (tmp_path / "nginx.conf").write_text(config.replace(serve.SERVER_LOG, str(tmp_path / "access.log")))
    checked = subprocess.run([serve.nginx_binary(), "-t", "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf"),
                              "-e", str(tmp_path / "error.log")], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr


# --- deploy/asgi.py: each page told where the server is

def served(response: list[dict], method: str = "GET") -> list[dict]:
    """What PageBase sends for a request answered with the ASGI messages `response`."""
    from deploy.asgi import PAGE_PATHS, PageBase

    async def app(scope, receive, send):
        for message in response:
            await send(message)

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": "/usage", "headers": [], "extensions": {}}
    asyncio.run(PageBase(app, pages=PAGE_PATHS)(scope, None, send))
    return sent


def start(content_type: bytes, *extra: tuple[bytes, bytes]) -> dict:
    return {"type": "http.response.start", "status": 200,
            "headers": [(b"content-type", content_type), (b"etag", b'"abc"'), *extra]}


PAGE_HTML = b"<!DOCTYPE html><html><head><title>Streamlit</title></head><body></body></html>"


def test_the_page_gets_the_script_first_in_its_head_and_loses_its_validators():
    from deploy.asgi import PAGE_PATHS, base_script

    sent = served([start(b"text/html; charset=utf-8", (b"content-length", b"78")),
                   {"type": "http.response.body", "body": PAGE_HTML}])
    headers = dict(sent[0]["headers"])
    page = sent[1]["body"]
    assert page.startswith(b"<!DOCTYPE html><html><head>" + base_script(PAGE_PATHS) + b"<title>")
    assert headers[b"content-length"] == str(len(page)).encode()
    assert b"etag" not in headers
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]


def test_a_compressed_page_is_sent_uncompressed_with_the_script():
    import gzip

    from deploy.asgi import PAGE_PATHS, base_script

    sent = served([start(b"text/html", (b"content-encoding", b"gzip")),
                   {"type": "http.response.body", "body": gzip.compress(PAGE_HTML)[:20], "more_body": True},
                   {"type": "http.response.body", "body": gzip.compress(PAGE_HTML)[20:]}])
    assert b"content-encoding" not in dict(sent[0]["headers"])
    assert sent[1]["body"] == PAGE_HTML.replace(b"<head>", b"<head>" + base_script(PAGE_PATHS))


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_anything_else_passes_as_it_is_streamed(method):
    chunks = [{"type": "http.response.body", "body": b"let a = 1;", "more_body": True},
              {"type": "http.response.body", "body": b"<head>"}]
    response = [start(b"application/javascript"), *chunks]
    assert served(response, method) == response
    html = [start(b"text/html"), {"type": "http.response.body", "body": PAGE_HTML}]
    if method == "POST":
        assert served(html, method) == html


def test_the_scripts_pages_are_the_apps():
    from deploy.asgi import PAGE_PATHS, app
    from survey.output.pages import ADMIN, PAGES

    assert PAGE_PATHS == [page.key for page in (*PAGES, ADMIN)]
    assert app.script_path == ROOT / "app.py"
