"""Streamlit's widget modules that the app's pages draw, announced in the page so the browser fetches them early.

Streamlit's frontend loads a widget's code (``static/js/Radio.<hash>.js`` and the
chunks it imports) when the first element of that kind arrives over the websocket,
that is while the server runs the page's script and answers little else. The map's
frame (``IFrame``) came after about 30 such files. :class:`PreloadMiddleware` adds a
``<link rel="modulepreload">`` for each of them to Streamlit's ``index.html``, so
they are fetched while the page's own bundle loads, before the session starts.
Only a hint: the modules run when Streamlit imports them, as before.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import streamlit

STATIC = Path(streamlit.__file__).parent / "static"
JS = STATIC / "static" / "js"
# The elements the app's pages draw (shell, sidebar filters, the overview's frame, the county map's component).
WIDGETS = (
    "Radio", "Selectbox", "PageLink", "IFrame", "Html", "Multiselect",
    "NumberInput", "Checkbox", "Button", "ComponentInstance",
)  # fmt: skip
_IMPORT = re.compile(r'(?:from|import)\s*"\./([\w.\-]+\.js)"')
# Streamlit's own routes (starlette_app.py's reserved prefixes, and static serving): never the page.
NOT_PAGES = ("/_stcore/", "/static/", "/media/", "/component/", "/app/static/")
_FILE_HEADERS = (b"content-length", b"etag", b"last-modified")
_PRELOADED = re.compile(r'(?:src|href)="\./static/js/([\w.\-]+\.js)"')


class PreloadError(RuntimeError):
    """Streamlit's frontend has no module, or more than one, for a widget named here."""


def _imports(name: str) -> list[str]:
    """The chunks ``name`` imports statically (at its top: ``import ... from"./X.js"``)."""
    return _IMPORT.findall((JS / name).read_text(encoding="utf-8"))


def _closure(names: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += _imports(name)
    return seen


def widget_module(widget: str) -> str:
    """The file of ``widget``'s module in this Streamlit (``Radio.<hash>.js``)."""
    found = [path.name for path in JS.glob(f"{widget}.*.js") if re.fullmatch(rf"{widget}\.[\w\-]+\.js", path.name)]
    if len(found) != 1:
        raise PreloadError(f"Streamlit's static/js has {len(found)} modules for {widget}: {found}")
    return found[0]


@cache
def preloaded_modules() -> tuple[str, ...]:
    """The widgets' modules and what they import, less what ``index.html`` loads anyway; sorted."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    loaded = _closure(_PRELOADED.findall(page))
    return tuple(sorted(_closure([widget_module(widget) for widget in WIDGETS]) - loaded))


def with_preloads(html: bytes) -> bytes:
    """``html`` (Streamlit's ``index.html``) with a ``modulepreload`` link per module before ``</head>``."""
    if b"</head>" not in html:
        raise PreloadError("Streamlit's page has no </head> to put the module links before")
    links = "".join(f'<link rel="modulepreload" crossorigin href="./static/js/{name}">' for name in preloaded_modules())
    return html.replace(b"</head>", links.encode() + b"</head>", 1)


def check() -> None:
    """Raise :class:`PreloadError` now, at the server's start, if this Streamlit's page or modules do not fit."""
    with_preloads((STATIC / "index.html").read_bytes())


class PreloadMiddleware:
    """ASGI middleware: Streamlit's page (any ``text/html`` answer of a GET) gets :func:`with_preloads`."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        """Pass everything through; hold back an HTML answer's body until it is whole, then add the links."""
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(NOT_PAGES):
            await self.app(scope, receive, send)
            return
        # Uncompressed from Streamlit (its gzip middleware runs inside this one): the page is 4 kB, a proxy compresses.
        headers = [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]
        scope = {**scope, "headers": headers}
        start: dict = {}
        body: list[bytes] = []

        async def capture(message) -> None:
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if message["status"] == 200 and headers.get(b"content-type", b"").startswith(b"text/html"):
                    start.update(message)  # held back with its body
                    return
            elif start and message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                page = with_preloads(b"".join(body))
                # Not Streamlit's file any more: its length, etag and date do not describe this answer.
                headers = [(k, v) for k, v in start["headers"] if k not in _FILE_HEADERS]
                await send({**start, "headers": [*headers, (b"content-length", str(len(page)).encode())]})
                await send({"type": "http.response.body", "body": page})
                return
            await send(message)

        await self.app(scope, receive, capture)
