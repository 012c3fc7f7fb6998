"""Download buttons whose click starts no rerun: every download of the app goes through :func:`download_button`.

Streamlit (1.67) writes a callable's file when its button is clicked: the
browser asks for it over the session's websocket and then fetches the URL it
gets back. A click on a button left at ``on_click="rerun"`` (Streamlit's
default) also reruns the page, and that rerun loses the click in three ways,
seen in the browser tests and reproduced by clicking (docs/operations.md,
*Downloads*):

- the rerun's start empties the session's outgoing message queue, dropping the
  reply that carries the file's URL if it is still waiting there: the browser
  waits for ever, with no error on either side;
- the rerun forgets the button's callable (each run registers a new one) and
  any sweep of unused files before the file is written drops it
  ("Deferred file ... not found" in the log);
- the written file belongs to no session, and the rerun's own sweep is one of
  the two that delete it, so the browser can fetch a 404.

A button given its bytes is exposed to the third only; nothing in the app depends on a download click, so no
click reruns the page.
"""

from __future__ import annotations

from collections.abc import Callable

Data = bytes | str | Callable[[], bytes | str]


def download_button(where, label: str, data: Data, file_name: str, mime: str, key: str | None = None) -> None:
    """A button in ``where`` (``st`` or a column) that downloads ``data`` (or, if callable, ``data()`` written on click).

    The click reruns nothing: see the module's docstring.
    """
    where.download_button(label, data, file_name, mime, key=key, on_click="ignore")
