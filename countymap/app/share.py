"""The copy-link button: the address bar holds the whole view, so copying it shares the view.

The button lives in a small ``st.iframe`` (``srcdoc``, same origin as the
page), so its script can read the page's current address at click time: the
link is always the view as it is now, never the one the button was drawn for.
It needs no network. The clipboard API only exists in a secure context
(``https`` or ``localhost``); on a plain-``http`` meeting-room server the
script falls back to the older copy command, and if that is refused too it
shows the link, selected, for the reader to copy by hand.

``st.iframe`` replaces ``st.components.v1.html``, which Streamlit 1.67 marks
deprecated ("deprecated in favor of st.iframe", streamlit/components/v1/__init__.py;
docs: https://docs.streamlit.io/develop/api-reference/custom-components/st.iframe).
The page itself is ``countymap/app/static/copy_link.html``; its words arrive
as escaped JSON in its ``#cm-text`` element.
"""

from __future__ import annotations

import streamlit as st

from countymap.map.static_files import static_text
from countymap.text.escape import script_json
from countymap.text.strings import t

BUTTON_HEIGHT = 44  # px of the iframe: one row, a button as tall as Streamlit's
COPY_LINK_HTML = "copy_link.html"  # in countymap/app/static/
_DATA_SLOT = '<script type="application/json" id="cm-text">{}</script>'


def copy_link_page(lang: str) -> str:
    """The button's page, its words (label, done, manual) filled in as escaped JSON."""
    text = {
        "lang": lang,
        "label": t("copy_link", lang),
        "done": t("copy_link_done", lang),
        "manual": t("copy_link_manual", lang),
    }
    page = static_text(COPY_LINK_HTML, "countymap.app")
    if page.count(_DATA_SLOT) != 1:
        raise ValueError(f"{COPY_LINK_HTML} must hold exactly one {_DATA_SLOT}")
    return page.replace(_DATA_SLOT, _DATA_SLOT.replace("{}", script_json(text)))


def copy_link_button(lang: str, where=None) -> None:
    """Draw the button (in ``where``, default the sidebar) that copies the current view's address."""
    with (where if where is not None else st.sidebar).container(key="cm_copy_link"):
        st.iframe(copy_link_page(lang), height=BUTTON_HEIGHT, alt=t("copy_link", lang))
