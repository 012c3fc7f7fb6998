"""``python -m countymap serve [--port N] [--address A]``: the app, as it is served (README's command 1).

The app is Streamlit's ``st.App`` run by uvicorn on a socket whose connections have
Nagle's algorithm off (:mod:`countymap.app.server` says why ``streamlit run`` is not
the served way). The server runs under ``PYTHONMALLOC=malloc``
(``config.SERVER_ALLOCATOR``, see docs/operations.md, *Memory*): started without it,
the command starts itself again with it (same process id, same arguments), because
the allocator is chosen when the interpreter starts. A bad flag, a port in use or
a Streamlit setting the flags replace is one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys

from countymap import config

DEFAULT_PORT = 8501  # Streamlit's
DEFAULT_ADDRESS = "127.0.0.1"  # a reverse proxy on the same machine serves the world (docs/operations.md)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a number from 1 to 65535 (got {text[:20]!r})")
    return port


def _address(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"an IP address such as 127.0.0.1, 0.0.0.0 or :: (got {text[:60]!r})"
        ) from None


def parser() -> argparse.ArgumentParser:
    """The ``serve`` command line."""
    p = argparse.ArgumentParser(
        prog="python -m countymap serve",
        description="Serve the app (Streamlit's st.App under uvicorn, TCP_NODELAY, PYTHONMALLOC=malloc).",
    )
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"TCP port (default {DEFAULT_PORT})")
    p.add_argument(
        "--address",
        type=_address,
        default=DEFAULT_ADDRESS,
        help=f"IP address to listen on (default {DEFAULT_ADDRESS}; 0.0.0.0 or :: for every interface)",
    )
    return p


def _with_allocator(argv: list[str]) -> None:
    """Start this command again under ``PYTHONMALLOC=malloc`` unless it already runs so (returns only then)."""
    name, value = config.SERVER_ALLOCATOR
    if os.environ.get(name) == value:
        return
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable, "-m", "countymap", "serve", *argv], {**os.environ, name: value})


def main(argv: list[str]) -> int:
    """Entry point of ``python -m countymap serve``; returns the exit code."""
    args = parser().parse_args(argv)
    _with_allocator(argv)
    # Imported here: Streamlit and the app load only once the arguments are good and the allocator is set.
    from countymap.app.server import ServeError, serve

    try:
        return serve(args.address, args.port)
    except ServeError as error:
        print(f"serve: error: {error}", file=sys.stderr)
        return 2
