"""Admin: load a survey export, see its validation report, publish it, or roll back to an earlier version."""
import tempfile
from pathlib import Path

import streamlit as st

from survey import ui
from survey.base import turns
from survey.base.paths import database_path
from survey.ingest import versions
from survey.ingest.build import BuildError
from survey.ingest.imports import DiskFull, import_file
from survey.model import codebook as cb
from survey.texts.i18n import t
from survey.texts.problems import InvalidResponses, notes_lines, waiting_text

ui.require_entrypoint()
codebook = cb.load()
view = ui.current_view(codebook)
lang = view.lang
st.title(t("admin", lang))
ui.require_admin(lang)
db = database_path()

st.subheader(t("admin_import", lang))
upload = st.file_uploader(t("admin_file", lang), type=["csv", "txt", "xlsx", "sav"], key="upload")
mapping = st.file_uploader(t("admin_mapping", lang), type=["yaml", "yml"], key="mapping")
wave = st.text_input(t("admin_wave", lang), key="import_wave", max_chars=40).strip() or None
sheet = st.text_input(t("admin_sheet", lang), key="import_sheet", max_chars=100).strip() or None


def waiting(pid: int | None) -> None:
    """Another import or rollback is publishing: this one waits for it, and says so."""
    text = waiting_text(pid, lang)
    st.info(text[:1].upper() + text[1:], icon=":material/hourglass_top:")


def saved(file, folder: str) -> Path | None:
    """An upload as a file of its own, keeping only its extension from the name it came with."""
    if file is None:
        return None
    path = Path(folder) / f"upload{Path(file.name).suffix.lower()}"
    path.write_bytes(file.getvalue())
    return path


if upload is not None:
    check, publish = st.columns(2)
    dry_run = not publish.button(t("admin_publish", lang), type="primary", icon=":material/publish:")
    check.button(t("admin_check", lang), icon=":material/fact_check:")
    with tempfile.TemporaryDirectory() as folder:
        source = saved(upload, folder)
        try:
            with turns.aside():  # an import takes seconds to minutes: the other sessions' pages go on
                result = import_file(source, db, mapping=saved(mapping, folder), sheet=sheet, wave=wave,
                                     dry_run=dry_run, name=upload.name, mapping_name=mapping and mapping.name,
                                     waiting=waiting)
        except InvalidResponses as err:
            st.error(t("admin_invalid", lang), icon=":material/error:")
            st.text(err.report(lang))  # as text: file content is never markup
        except BuildError as err:
            st.error(t("admin_failed", lang), icon=":material/error:")
            st.text(err.text(lang) if isinstance(err, DiskFull) else str(err))  # a full disk said in the language
        else:
            kept = ", ".join(f"{w} ({n})" for w, n in sorted(result.kept.items())) or "–"
            key = "admin_valid" if result.version is None else "admin_published"
            st.success(ui.plain(t(key, lang, wave=result.wave, n=result.respondents, kept=kept,
                                  version=result.version.name if result.version else "")), icon=":material/check:")
            if result.notes:
                st.text("\n".join(notes_lines(result.notes, lang)))

st.subheader(t("admin_versions", lang))
listing = versions.listing(db)
st.dataframe(ui.as_text([{t("admin_version", lang): v.name, t("admin_built", lang): v.built_at,
               t("admin_source", lang): v.source,
               "n": v.respondents, t("wave", lang): v.waves, t("admin_current", lang): "✓" if v.published else ""}
              for v in listing]), hide_index=True, width="stretch")
earlier = [v.name for v in listing if not v.published and v.readable]  # an unreadable version is never offered
if earlier:
    chosen = st.selectbox(t("admin_rollback_to", lang), earlier[::-1], placeholder=t("choose", lang),
                          key="rollback_to")
    if st.button(t("admin_rollback", lang), icon=":material/history:"):
        try:
            st.success(ui.plain(t("admin_rolled_back", lang, version=versions.rollback(db, chosen, waiting).name)))
        except versions.VersionError as err:  # removed or changed since the list was drawn
            st.error(t("admin_failed", lang), icon=":material/error:")
            st.text(str(err))
