"""The benchmark page's client, held in this session only (survey.ingest.clients): its form (a file to read it
from, its name, its profile, its peers and its answers), the client a share link carried, and the benchmark
shown: the peer group, where the client stands out, a chart per question, its files and the share link."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlencode, urlparse

import streamlit as st

from survey.analysis import benchmark
from survey.ingest import clients
from survey.model.codebook import Codebook
from survey.model.state import View, to_query
from survey.output import benchmark_files
from survey.output.charts import share_spec
from survey.output.downloads import BENCHMARK_BOOK, BENCHMARK_DECK
from survey.stats.estimates import load_rules
from survey.texts.i18n import as_code, t
from survey.texts.problems import InvalidResponses
from survey.ui.text import plain
from survey.ui.view import CLIENT_LINK, bound, current_lang

CLIENT = "_client"  # the prefix of the client's keys in session state: never in the URL, never in the view
CLIENT_FILE_MB = 5  # a client file holds one row: a few kilobytes, or an export with its header rows
CLIENT_MAPPING_MB = 1  # its mapping: a few kilobytes of YAML
MB = 1024 * 1024
CLIENT_FILE_SAID = "_client_file_said"  # what reading an uploaded client file came to (a sentence and a report)


def client_key(name: str) -> str:
    return f"{CLIENT}_{name}"


FORM_OPEN = client_key("form_open")  # whether the client's form is unfolded
PRESENTED = client_key("presented")  # whether the last run of the page was in presentation mode


def client_box(view: View):
    """The expander that holds the client's form. Unfolded at first; folded as presentation mode begins and when
    a share link has just filled it (whoever opens the link comes for the comparison); otherwise as the person
    left it. Its content is drawn only while it is open: a folded form is not sent to the browser at all
    (docs/performance.md)."""
    if view.present and not st.session_state.get(PRESENTED):
        st.session_state[FORM_OPEN] = False
    st.session_state[PRESENTED] = view.present
    st.session_state.setdefault(FORM_OPEN, True)
    # Bound as the view's widgets are (a widget of its own per language): the expander's label is part of what
    # Streamlit knows it by, so one widget across a language switch would start folded again.
    return st.expander(t("client_heading", view.lang), icon=":material/business:", **bound(FORM_OPEN, view.lang))


def client_form(codebook: Codebook, view: View, settings) -> None:
    """The client's form: a file to read it from, its name, its company profile, the dimensions its peers share,
    and its answers to each question its other answers route to (current_client reads what it holds)."""
    lang = view.lang
    st.caption(t("client_private", lang))
    client_file(codebook, lang)
    st.session_state.setdefault(client_key("name"), "")
    st.text_input(t("client_name", lang), max_chars=clients.MAX_NAME, **bound(client_key("name"), lang))
    for column, dimension in zip(st.columns(len(clients.PROFILE)), clients.PROFILE):
        with column:
            choice(codebook[dimension], lang, codebook[dimension].title[lang], single=True, select=True)
    st.session_state.setdefault(client_key("peers"), list(settings.peers))
    st.pills(t("peers_choice", lang), clients.PROFILE, selection_mode="multi",
             format_func=lambda d: codebook[d].title[lang], **bound(client_key("peers"), lang))
    st.markdown(f"**{t('client_answers', lang)}**", help=t("client_answers_help", lang))
    answers: dict = {}
    for question in clients.client_questions(codebook):  # each once the answers before it route to it
        if clients.asked(question, answers, codebook):
            answers[question.id] = clients.as_chosen(choice(question, lang, question.text[lang],
                                                            single=question.kind == "single"))


def client_file(codebook: Codebook, lang: str) -> None:
    """A client file (and its mapping) to fill the form from, and what reading it came to."""
    files, mapping = st.columns([3, 2])
    with files:
        st.file_uploader(t("client_file", lang), type=["csv", "txt", "xlsx", "sav"], key=client_key("file"),
                         on_change=read_client_file, args=(codebook,), max_upload_size=CLIENT_FILE_MB)
    with mapping:
        st.file_uploader(t("admin_mapping", lang), type=["yaml", "yml"], key=client_key("mapping"),
                         on_change=read_client_file, args=(codebook,), max_upload_size=CLIENT_MAPPING_MB)
    said = st.session_state.get(CLIENT_FILE_SAID)
    if said:
        (st.success if said[0] == "ok" else st.error)(plain(said[1]))
        if said[2]:
            st.text(said[2])  # the import's report: values from the file, shown as text


def current_client(codebook: Codebook, settings) -> tuple:
    """The client the form holds, drawn or folded: (Client, the dimensions its peers share). Answers to the
    questions the others do not route to are left out (clients.from_choices), as the form leaves them out."""
    state = st.session_state
    profile = {dimension: state.get(client_key(dimension)) for dimension in clients.PROFILE}
    answers = {question.id: state.get(client_key(question.id)) for question in clients.client_questions(codebook)}
    client = clients.from_choices(state.get(client_key("name")) or "", profile, answers, codebook)
    peers = state.get(client_key("peers"), list(settings.peers)) or ()
    return client, tuple(d for d in clients.PROFILE if d in peers)


def choice(question, lang: str, label: str, *, single: bool, select: bool = False):
    """One of the client's answers, bound to session state: a select box for the profile, pills for answers."""
    key = client_key(question.id)
    st.session_state.setdefault(key, None if single else [])
    labels = {o.id: o.label[lang] for o in question.options}
    if select:
        st.selectbox(label, question.option_ids, index=None, format_func=labels.get,
                     placeholder=t("choose", lang), **bound(key, lang))
    else:
        st.pills(label, question.option_ids, selection_mode="single" if single else "multi", format_func=labels.get,
                 **bound(key, lang))
    return st.session_state.get(key)


def set_client(client, codebook: Codebook) -> None:
    """Put a client (from a file or a link) into the form's session state, replacing what was there."""
    st.session_state[client_key("name")] = client.name
    for dimension in clients.PROFILE:
        st.session_state[client_key(dimension)] = client.profile.get(dimension)
    for question in clients.client_questions(codebook):
        chosen = client.answers.get(question.id, ())
        st.session_state[client_key(question.id)] = (chosen[0] if chosen else None) if question.kind == "single" \
            else list(chosen)


def read_client_file(codebook: Codebook) -> None:
    """Read the uploaded client file, and fill the form. A file past its limit (the browser's limit is the
    browser's: a script can send more) is refused unread. The file and its mapping are written to a private
    folder in memory (MEMORY, where the system has one) for DuckDB to read, and removed at once."""
    upload, lang = st.session_state.get(client_key("file")), current_lang()
    mapping = st.session_state.get(client_key("mapping"))
    if upload is None:
        st.session_state.pop(CLIENT_FILE_SAID, None)
        return
    for given, most in ((upload, CLIENT_FILE_MB), (mapping, CLIENT_MAPPING_MB)):
        if given is not None and given.size > most * MB:
            st.session_state[CLIENT_FILE_SAID] = ("bad", t("client_file_bad", lang, file=upload.name),
                                                  t("upload_too_big", lang, file=given.name, mb=most))
            return
    with tempfile.TemporaryDirectory(dir=memory_folder()) as folder:
        path = Path(folder) / f"client{Path(upload.name).suffix.lower()}"
        path.write_bytes(upload.getvalue())
        rules = Path(folder) / "mapping.yaml" if mapping is not None else None
        if rules:
            rules.write_bytes(mapping.getvalue())
        try:
            client = clients.read_client(path, codebook, name=upload.name, mapping=rules,
                                         mapping_name=mapping and mapping.name)
        except InvalidResponses as err:
            st.session_state[CLIENT_FILE_SAID] = ("bad", t("client_file_bad", lang, file=upload.name), err.report(lang))
            return
        except clients.ClientFileError as err:
            st.session_state[CLIENT_FILE_SAID] = ("bad", t("client_file_bad", lang, file=upload.name), err.text(lang))
            return
    set_client(client, codebook)
    st.session_state[CLIENT_FILE_SAID] = ("ok", clients.read_sentence(client, upload.name, lang), "")


MEMORY = Path("/dev/shm")  # a file system in memory (Linux): what is written there never reaches a disk


def memory_folder() -> str | None:
    """Where a client's file is written to be read: MEMORY where it is there and writable, else the system's
    temporary folder."""
    return str(MEMORY) if MEMORY.is_dir() and os.access(MEMORY, os.W_OK | os.X_OK) else None


def apply_client_link(codebook: Codebook, lang: str) -> None:
    """Fill the form with the client a share link carried (once), fold it, and say so."""
    carried = st.session_state.pop(CLIENT_LINK, None)
    if carried:
        client, dropped = clients.from_link(carried, codebook)
        if client is not None:
            set_client(client, codebook)
            st.session_state[client_key("from_link")] = dropped
            st.session_state[FORM_OPEN] = False
            peers = clients.peers_from_link(carried)
            if peers is not None:
                st.session_state[client_key("peers")] = list(peers)
    if client_key("from_link") in st.session_state:
        st.info(t("client_from_link", lang), icon=":material/link:")
        dropped = st.session_state[client_key("from_link")]
        if dropped:
            st.warning(t("client_link_dropped", lang, values=as_code(", ".join(dropped), 200)))


def peer_group(bench, codebook: Codebook) -> None:
    """Who the client is compared with, and how the group was widened to hold enough respondents."""
    st.subheader(t("peers_heading", bench.view.lang))
    lines = benchmark_files.peer_lines(bench, codebook)
    st.write(plain(lines[0]))
    st.markdown("\n".join(f"- {plain(line)}" for line in lines[1:]))


def standing_out(bench) -> None:
    """Where the client differs from most of its peers, before anything else."""
    lang = bench.view.lang
    st.subheader(t("bench_differs_heading", lang))
    differs = [row.sentence for row in bench.rows if row.standing == benchmark.DIFFERS]
    st.markdown("\n".join(f"- {plain(s)}" for s in differs) if differs else plain(t("bench_none_differs", lang)))


def comparison_chart(comparison, view: View) -> None:
    """One question: the peers' shares with the client's answers marked, its sentences, its base and notes."""
    lang, shares = view.lang, comparison.shares
    if shares.empty:
        st.markdown(f"#### {plain(shares.title)}")
        st.info(plain(shares.empty_text(load_rules().min_group)))
        return
    frame = benchmark.marked(comparison, lang, t("bench_group_label", lang))
    st.vega_lite_chart(share_spec(frame, lang=lang, title=shares.title, large=view.present), width="stretch",
                       theme=None)
    st.markdown("\n".join(f"- {plain(row.sentence)}" for row in comparison.rows))
    st.caption(plain(shares.caption()))


def benchmark_downloads(bench, codebook: Codebook) -> None:
    """The benchmark as a deck and a workbook, made when downloaded."""
    lang, view = bench.view.lang, bench.view
    name = re.sub(r"[^A-Za-z0-9]+", "-", bench.client.name).strip("-").lower()[:40] or "client"
    deck, book = st.columns(2)
    with deck:
        st.download_button(t(BENCHMARK_DECK.label, lang), lambda: BENCHMARK_DECK.make(bench, codebook),
                           file_name=BENCHMARK_DECK.file_name("benchmark", name, view), mime=BENCHMARK_DECK.mime,
                           on_click="ignore", icon=":material/slideshow:", width="stretch", key="bench_pptx")
    with book:
        st.download_button(t(BENCHMARK_BOOK.label, lang), lambda: BENCHMARK_BOOK.make(bench, codebook),
                           file_name=BENCHMARK_BOOK.file_name("benchmark", name, view), mime=BENCHMARK_BOOK.mime,
                           on_click="ignore", icon=":material/table_view:", width="stretch", key="bench_xlsx")


def share_link(client, view: View) -> None:
    """A link that carries the client's answers, made only once the consultant confirms that it does."""
    lang = view.lang
    with st.expander(t("share_heading", lang), icon=":material/share:"):
        if not st.checkbox(t("share_confirm", lang), key=client_key("share_ok")):
            return
        here = urlparse(st.context.url or "")
        peers = tuple(st.session_state.get(client_key("peers")) or ())
        query = urlencode(to_query(view), doseq=True)
        fragment = urlencode(clients.to_link(client, peers), doseq=True)  # never sent to a server, never logged
        address = f"{here.scheme}://{here.netloc}{here.path}" if here.netloc else ""
        st.code(f"{address}?{query}#{fragment}" if query else f"{address}#{fragment}", language=None,
                wrap_lines=True)
        st.caption(t("share_link_label", lang))
