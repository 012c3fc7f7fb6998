"""The app as an ASGI application (Streamlit's ``st.App``) served by uvicorn on a socket with Nagle's algorithm off.

``python -m countymap serve`` (:mod:`countymap.cli.serve`) runs :func:`serve`. Why not
``streamlit run app.py``: Streamlit 1.67's own server binds its listening socket as
``socket.socket(family)``, protocol 0 (``streamlit/web/server/starlette/starlette_server.py``,
``_bind_socket``). asyncio turns Nagle's algorithm off (``TCP_NODELAY``) on an accepted
connection only when the socket's protocol is ``IPPROTO_TCP`` (``asyncio/base_events.py``
``_set_nodelay``, called by ``selector_events._SelectorSocketTransport``), and an accepted
socket carries the listening one's protocol, so under ``streamlit run`` every small response
on a kept-alive connection waited 40-45 ms for the browser's delayed acknowledgement; the
first view fetches about 40 small widget modules that way. Here the listening socket is made
with ``IPPROTO_TCP``, as uvicorn's own ``Config.bind_socket`` makes it.

The Starlette application is Streamlit's own: ``st.App`` builds it from the same routes and
middleware as ``streamlit run`` (``starlette_app.py``, ``create_streamlit_routes`` and
``create_streamlit_middleware``), and uvicorn gets the settings Streamlit's runner gives it
(websocket protocol, ping, message size, compression, TLS files from ``.streamlit/config.toml``).
"""

from __future__ import annotations

import os
import signal
import socket
import sys
from typing import Any

import click
import streamlit as st
import uvicorn
from starlette.middleware import Middleware
from streamlit import config as st_config
from streamlit.web.server.starlette.starlette_server import _get_uvicorn_config_kwargs

from countymap.app import preload
from countymap.config import REPO_ROOT

SCRIPT = REPO_ROOT / "app.py"
# Taken by the command's flags; set elsewhere (config.toml, STREAMLIT_SERVER_PORT) they would not apply.
FLAG_OPTIONS = {"server.port": "--port", "server.address": "--address"}
BACKLOG = 2048  # uvicorn's default


class ServeError(RuntimeError):
    """The server cannot start as asked (the message says why)."""


def listening_socket(address: str, port: int) -> socket.socket:
    """A TCP socket bound to ``address``:``port`` and listening, whose connections asyncio sets ``TCP_NODELAY`` on.

    ``address`` is an IP address (the command's flag checks it).

    Raises
    ------
    ServeError
        If the port cannot be bound (in use, not allowed).
    """
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio checks the protocol number before it sets TCP_NODELAY.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:  # "::" takes IPv4 clients too, as under streamlit run
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind((address, port))
        sock.listen(BACKLOG)
    except OSError as error:
        sock.close()
        raise ServeError(f"cannot listen on {address} port {port}: {error.strerror or error}") from None
    return sock


def environment_settings() -> dict[str, Any]:
    """Streamlit's settings given as ``STREAMLIT_...`` variables, converted as ``streamlit run`` converts them.

    ``streamlit run`` reads them through its command line (click's ``auto_envvar_prefix``
    and each option's ``envvar``, ``streamlit/web/cli.py``); ``st.App`` alone reads only
    ``config.toml`` and the sensitive ones (``streamlit/config.py``,
    ``_update_config_with_sensitive_env_var``), so they are applied here the same way.

    Raises
    ------
    ServeError
        If a value does not convert (a number that is not one).
    """
    settings: dict[str, Any] = {}
    for name, option in st_config.get_config_options().items():
        text = os.environ.get(option.env_var)
        if text is None or option.sensitive:
            continue
        kind = click.types.convert_type(option.type)
        try:
            values = [kind.convert(value, None, None) for value in text.split()]
            settings[name] = tuple(values) if option.multiple else kind.convert(text, None, None)
        except click.BadParameter as error:
            raise ServeError(f"{option.env_var}: {error.message}") from None
    return settings


def asgi_app() -> st.App:
    """The app's ``st.App`` with Streamlit's settings from ``config.toml`` (beside ``app.py``, whatever the cwd) and the environment.

    Raises
    ------
    ServeError
        If ``server.port`` or ``server.address`` is set for Streamlit: the command's flags decide them.
    """
    try:
        preload.check()
    except preload.PreloadError as error:
        raise ServeError(str(error)) from None
    # First: it tells Streamlit's settings where the script's config.toml is.
    app = st.App(str(SCRIPT), middleware=[Middleware(preload.PreloadMiddleware)])
    settings = environment_settings()
    given = [
        f"{name} (use {flag})"
        for name, flag in FLAG_OPTIONS.items()
        if name in settings or st_config.is_manually_set(name)
    ]
    if given:
        raise ServeError(f"set for Streamlit but not read by this command: {', '.join(given)}")
    st_config.get_config_options(force_reparse=True, options_from_flags=settings)
    return app


def uvicorn_server(app, address: str, port: int) -> uvicorn.Server:
    """A uvicorn server for ``app`` with the settings Streamlit's own runner gives uvicorn.

    ``_get_uvicorn_config_kwargs`` is private, but it is what ``streamlit run`` and
    ``st.App.run`` pass; Streamlit is pinned (requirements.txt), and a release without
    it fails here at the start, not silently.
    """
    return uvicorn.Server(uvicorn.Config(app, host=address, port=port, **_get_uvicorn_config_kwargs()))


def _exit_on_terminate(signum: int, _frame) -> None:
    # uvicorn shuts down gracefully on SIGTERM, then raises the signal again with the handler it found:
    # exiting here (instead of the default handler's kill) runs the process's exit hooks (temporary folders).
    sys.exit(0)


def serve(address: str, port: int) -> int:
    """Serve the app on ``address``:``port`` until stopped (SIGINT, SIGTERM); the exit code.

    Raises
    ------
    ServeError
        If the settings or the socket are not usable (before anything is served).
    """
    app = asgi_app()
    server = uvicorn_server(app, address, port)
    sock = listening_socket(address, port)
    signal.signal(signal.SIGTERM, _exit_on_terminate)
    print(f"countymap: serving http://{address if ':' not in address else f'[{address}]'}:{port}", flush=True)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    return 0 if server.started else 1
