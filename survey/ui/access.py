"""Access, off unless configured in .streamlit/secrets.toml: a login (OIDC), or a passphrase for viewers, and
one for the admin page. Here the passphrase's box and what it says; the waits after failures and the check
itself are survey.base.attempts, which needs no Streamlit."""
from __future__ import annotations

import math

import streamlit as st

from survey.base import attempts
from survey.base.attempts import Attempts
from survey.texts.i18n import t
from survey.ui.view import current_lang


def secret(name: str) -> str | None:
    """A value from the secrets, or None where there is none (or no secrets file at all)."""
    try:
        value = st.secrets.get(name)
    except Exception:  # Streamlit raises its own error when there is no secrets file; that means "not set"
        return None
    return str(value) if value else None


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def passphrase_gate(key: str, expected: str, label: str, intro: str | None = None) -> None:
    """Stop the page until the right passphrase has been given in this session. Each attempt is checked once,
    when it is entered (compared in constant time), and only once the wait after the last failure of this
    session and of this address has passed (Attempts)."""
    if st.session_state.get(key):
        return
    if intro:
        st.write(intro)
    st.text_input(label, type="password", key=f"{key}_input", on_change=check_passphrase, args=(key, expected))
    said = st.session_state.get(f"{key}_said")
    if said:
        st.error(said)
    st.stop()


def check_passphrase(key: str, expected: str) -> None:
    """Check the passphrase just entered (survey.base.attempts.check, against the waits of this address, this
    session and the server), and keep what to say of it."""
    state, lang = st.session_state, current_lang()
    given, state[f"{key}_input"] = state.get(f"{key}_input") or "", ""
    if not given:
        return
    address = client_address()
    session = state.setdefault(f"{key}_attempts", Attempts())
    checked = attempts.check(given, expected, address, session, key.strip("_"))
    if checked.wait_left > 0:
        state[f"{key}_said"] = t("access_wait", lang, seconds=math.ceil(checked.wait_left))
    elif checked.right:
        state[key] = True
        state.pop(f"{key}_said", None)
    else:
        state[f"{key}_said"] = t("admin_wrong", lang)


def client_address() -> str:
    """The address of the person behind the session (survey.base.attempts.address_of the connection)."""
    return attempts.address_of(st.context.ip_address, st.context.headers, attempts.behind_proxy())


def require_access(lang: str) -> None:
    """No page shows data before login, where a login (OIDC) or a viewer passphrase is configured."""
    if oidc_configured():
        if not st.user.is_logged_in:
            st.write(t("login_intro", lang))
            st.button(t("login", lang), on_click=st.login, icon=":material/login:")
            st.stop()
        return
    expected = secret("viewer_passphrase")
    if expected:
        passphrase_gate("_viewer_ok", expected, t("viewer_passphrase", lang), t("viewer_intro", lang))


def admin_enabled() -> bool:
    return secret("admin_passphrase") is not None


def require_admin(lang: str) -> None:
    expected = secret("admin_passphrase")
    if expected is None:
        st.stop()
    passphrase_gate("_admin_ok", expected, t("admin_passphrase", lang))
