"""The copy-link button: the address bar holds the whole view, so copying it shares the view.

The button lives in a small component iframe (same origin as the page), so
its script can read the page's current address at click time: the link is
always the view as it is now, never the one the button was drawn for. It
needs no network. The clipboard API only exists in a secure context
(``https`` or ``localhost``); on a plain-``http`` meeting-room server the
script falls back to the older copy command, and if that is refused too it
shows the link, selected, for the reader to copy by hand.
"""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from countymap.text.escape import html_text, script_json
from countymap.text.strings import t

BUTTON_HEIGHT = 44  # px of the iframe: one row, a button as tall as Streamlit's

_TEMPLATE = """<!doctype html><html><head><meta charset="utf-8"><style>
body {{margin:0; font:15px/1.4 system-ui, "Noto Sans CJK SC", sans-serif; color:#31333f;}}
.row {{display:flex; align-items:center; gap:0.5rem; height:40px;}}
button {{font:inherit; color:inherit; background:#fff; border:1px solid rgba(49,51,63,0.2); border-radius:0.5rem;
  padding:0.3rem 0.75rem; min-height:38px; cursor:pointer; white-space:nowrap;}}
button:hover {{border-color:#0072B2; color:#0072B2;}}
#note {{color:#555; font-size:14px; white-space:nowrap;}}
#link {{flex:1; min-width:0; font:inherit; font-size:13px;}}
</style></head><body><div class="row">
<button id="copy" type="button">{label}</button><span id="note" role="status"></span>
<input id="link" type="text" readonly hidden>
</div><script>
const TEXT = {text};
const button = document.getElementById("copy"), note = document.getElementById("note");
const field = document.getElementById("link");
function byCommand(url) {{
  field.value = url; field.hidden = false; field.select();
  let copied = false;
  try {{ copied = document.execCommand("copy"); }} catch (error) {{ copied = false; }}
  if (copied) {{ field.hidden = true; }}
  return copied;
}}
button.addEventListener("click", async () => {{
  const url = window.parent.location.href;
  let copied = false;
  if (navigator.clipboard && window.isSecureContext) {{
    try {{ await navigator.clipboard.writeText(url); copied = true; }} catch (error) {{ copied = false; }}
  }}
  copied = copied || byCommand(url);
  note.textContent = copied ? TEXT.done : TEXT.manual;
  button.dataset.copied = copied ? url : "";
}});
</script></body></html>"""


def copy_link_button(lang: str, where=None) -> None:
    """Draw the button (in ``where``, default the sidebar) that copies the current view's address."""
    text = {"done": t("copy_link_done", lang), "manual": t("copy_link_manual", lang)}
    page = _TEMPLATE.format(label=html_text(t("copy_link", lang)), text=script_json(text))
    with (where if where is not None else st.sidebar).container(key="cm_copy_link"):
        components.html(page, height=BUTTON_HEIGHT)
