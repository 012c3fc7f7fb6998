"""The session and the address bar: the one module that touches ``st.session_state`` and ``st.query_params``.

Every setting (filter fields of :data:`countymap.core.filters.FIELDS`, view
settings of :data:`countymap.map.view.VIEW`) is bound to its widget, the
session and the link by one mechanism, :func:`bind`; other pages' session
values go through :func:`get`, :func:`put` and :func:`pop`.

Every setting lives in the URL, so that a link reproduces the view.

A widget is seeded from the URL when the URL carries something this session did
not write itself (a pasted link, a reload); otherwise it keeps its session
value, which also carries settings across pages when page navigation drops the
query string.

A choice widget (multiselect, select box, radio) lives in the browser as the
*labels* it shows, and Streamlit turns a label back into a code by looking it
up among this run's labels. After a language switch the browser still holds
the old language's labels, which match nothing, so the next interaction would
silently empty the widget. Every widget is therefore sent its value again, in
the new language's labels, on the run that switches the language
(:func:`note_language`, :func:`seed`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import streamlit as st

from countymap.core.filters import PARAM_NAMES as FILTER_PARAMS
from countymap.core.filters import FilterField, field_param
from countymap.map.view import PARAM_NAMES as VIEW_PARAMS
from countymap.map.view import Choices, ViewSetting, clean, encode

URL_PARAMS = FILTER_PARAMS | VIEW_PARAMS


def read_url() -> dict[str, list[str]]:
    """The query parameters this app understands, each as a list of values."""
    return {key: st.query_params.get_all(key) for key in st.query_params if key in URL_PARAMS}


def sync_origin(page: str) -> None:
    """Decide once per run whether the URL (a link) or the session is authoritative.

    Also notes whether the page changed: widgets of another page are new
    widgets to Streamlit, so they must be re-seeded from the kept values.
    """
    st.session_state["_page_changed"] = st.session_state.get("_page") != page
    st.session_state["_page"] = page
    current = read_url()
    written = st.session_state.get("_url_written")
    if written is None:
        # A session's first run writes back only the parameters it understands: Streamlit
        # drops a query string of over 1,000 parameters or 512 KiB without a word, and
        # unknown keys would stay in the address bar and in every link copied from it.
        st.query_params.from_dict(current)
    fresh = written is None or (bool(current) and current != written)
    st.session_state["_url_fresh"] = fresh
    st.session_state["_url_written"] = dict(current)
    st.session_state.setdefault("_keep", {})
    st.session_state["_relabel"] = False


def keep_only(params: frozenset[str]) -> None:
    """Drop from the address bar every parameter this page does not show, so a copied link holds only its view.

    (Values are cleaned by the settings' bindings: a value a setting cannot take is replaced or dropped there.)
    """
    written = st.session_state["_url_written"]
    for param in [key for key in st.query_params if key not in params]:
        del st.query_params[param]
        written.pop(param, None)


def note_language(lang: str) -> None:
    """Record the language this run draws in; widgets seeded after this are relabelled if it changed."""
    st.session_state["_relabel"] = st.session_state.get("_drawn_lang", lang) != lang
    st.session_state["_drawn_lang"] = lang


def url_value(param: str) -> str | None:
    """Last value of a query parameter, or ``None``."""
    values = st.query_params.get_all(param)
    return values[-1] if values else None


def seed(widget_key: str, from_url: object) -> None:
    """Give a widget its starting value before it is drawn.

    From the URL when the URL is authoritative this run; else the value the
    session last had (kept across pages), else the URL value. On a language
    switch the value is set again, unchanged, so that the browser is sent its
    labels in the new language (see the module's docstring).
    """
    keep = st.session_state["_keep"]
    if st.session_state["_url_fresh"]:
        st.session_state[widget_key] = from_url
    elif st.session_state["_page_changed"] or widget_key not in st.session_state:
        st.session_state[widget_key] = keep.get(widget_key, from_url)
    elif st.session_state.get("_relabel"):
        st.session_state[widget_key] = st.session_state[widget_key]


def moved(group: str, where: str) -> bool:
    """Whether the widgets of ``group`` are drawn somewhere else (``where``) than on this session's last run.

    Streamlit tells a widget in the sidebar from one in the main area even
    under the same key: moved, it would start empty. Its kept value is set
    again (:func:`reseed`) before it is drawn.
    """
    seen_key = f"_drawn_in_{group}"
    changed = seen_key in st.session_state and st.session_state[seen_key] != where
    st.session_state[seen_key] = where
    return changed


def reseed(widget_key: str) -> None:
    """Give a widget that has moved (:func:`moved`) its kept value again, before it is drawn."""
    keep = st.session_state["_keep"]
    if widget_key in keep and not st.session_state["_url_fresh"]:
        st.session_state[widget_key] = keep[widget_key]


def remember(widget_key: str, value: object) -> None:
    """Keep a widget's value for pages that do not draw the widget."""
    st.session_state["_keep"][widget_key] = value


def kept(widget_key: str, default: object = None) -> object:
    """A setting's value as last bound on any page (:func:`remember`), for pages that do not draw its widget."""
    return st.session_state.get("_keep", {}).get(widget_key, default)


def keep_undrawn(widget_key: str, from_url: object) -> None:
    """For a widget this page does not draw: keep its value for the pages that do (a fresh link sets it)."""
    if st.session_state["_url_fresh"]:
        remember(widget_key, from_url)


def set_param(param: str, value: str | None) -> None:
    """Write (or remove, for ``None``/``""``) one query parameter, only when it changes."""
    written = st.session_state["_url_written"]
    if value in (None, ""):
        if param in st.query_params:
            del st.query_params[param]
        written.pop(param, None)
    elif st.query_params.get_all(param) != [value]:
        st.query_params[param] = value
        written[param] = [value]
    else:
        written[param] = [value]


def bind(
    key: str,
    param: str,
    from_url: object,
    encode: Callable[[object], str | None],
    *,
    draw: Callable[[], object] | None = None,
    allowed: Collection | None = None,
    default: object = None,
    shown: bool = True,
) -> object:
    """Bind one setting to its widget, the session and the link; return its value this run.

    Parameters
    ----------
    key : str
        The session key (also the widget's key).
    param : str
        The link's parameter.
    from_url : object
        The value the link gives, already cleaned (see :func:`url_value`).
    encode : callable
        ``value -> str`` for the link (``None`` leaves the parameter out).
    draw : callable, optional
        Draws the widget (keyed ``key``) and returns its value; without it the
        setting has no widget on this page and keeps its session value (a map
        click, presenter mode).
    allowed, default : optional
        The values the setting may take now; anything else becomes ``default``.
    shown : bool
        ``False`` on a page that neither shows nor applies the setting: its
        value is kept for the pages that do, and left out of this page's link.
    """
    if not shown:
        keep_undrawn(key, from_url)
        set_param(param, None)
        return None
    if allowed is not None and from_url not in allowed:
        from_url = default
    seed(key, from_url)
    if allowed is not None and st.session_state.get(key) not in allowed:
        st.session_state[key] = default
    if draw is not None:
        value = draw()
    else:
        # Written back every run: Streamlit forgets, at the end of a run, a widget key it did not see.
        value = st.session_state[key] = st.session_state.get(key, from_url)
    remember(key, value)
    set_param(param, encode(value))
    return value


def get(key: str, default: object = None) -> object:
    """A value of this session (``default`` when there is none)."""
    return st.session_state.get(key, default)


def put(key: str, value: object) -> None:
    """Keep ``value`` in this session (set before its widget is drawn, or for a value with no widget)."""
    st.session_state[key] = value


def pop(key: str, default: object = None) -> object:
    """Take a value out of this session."""
    return st.session_state.pop(key, default)


def has(key: str) -> bool:
    """Whether this session holds ``key``."""
    return key in st.session_state


def setdefault(key: str, default: object) -> object:
    """The value of ``key`` in this session, set to ``default`` first if there is none."""
    return st.session_state.setdefault(key, default)


def url_is_fresh() -> bool:
    """Whether this run's link is authoritative (a pasted link or a reload; see :func:`sync_origin`)."""
    return bool(st.session_state.get("_url_fresh", True))


def bind_view(spec: ViewSetting, choices: Choices, draw: Callable[[], object] | None = None) -> object:
    """:func:`bind` one view setting by its spec: cleaned from the link, kept within ``choices``."""
    from_url = clean(spec, st.query_params.get_all(spec.param), choices)
    allowed = spec.allowed(choices) if spec.kind == "choice" else None
    return bind(
        spec.param, spec.param, from_url, lambda v: encode(spec, v), draw=draw, allowed=allowed, default=spec.default
    )


def bind_filter(
    spec: FilterField, key: str, from_url: object, draw: Callable[[], object], shown: bool = True
) -> object:
    """:func:`bind` one filter field by its spec (``from_url``: the link's value, already cleaned)."""
    return bind(key, spec.param, from_url, lambda v: field_param(spec, v), draw=draw, shown=shown)
