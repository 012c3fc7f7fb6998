"""``python -m countymap serve``: the served app's connections have Nagle's algorithm off, its settings apply, bad input is one line.

Under ``streamlit run`` every small response on a kept-alive connection waited 40-45 ms for the
browser's delayed acknowledgement (no ``TCP_NODELAY``, see :mod:`countymap.app.server`); the first
test reads the option from the server's own end of a connection.
"""

from __future__ import annotations

import gzip
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import tomllib
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import FileResponse

from countymap.app.preload import PreloadMiddleware
from countymap.app.server import listening_socket, uvicorn_server
from countymap.bench import live

ROOT = Path(__file__).resolve().parent.parent
WAIT_S = 60
STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static"


async def _hello(scope, receive, send):
    """The smallest ASGI app: 200 and two bytes (no lifespan)."""
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"ok"})


def _wait(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {WAIT_S} s: {what}")
        time.sleep(0.02)


@contextmanager
def _served(app):
    """``app`` served as ``serve`` serves (its socket, uvicorn with Streamlit's settings) in a thread; yields the port."""
    sock = listening_socket("127.0.0.1", 0)
    server = uvicorn_server(app, "127.0.0.1", sock.getsockname()[1])
    server.config.lifespan = "off"
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        _wait(lambda: server.started, "the server started")
        yield server
    finally:
        server.should_exit = True
        thread.join(WAIT_S)
        sock.close()


def test_the_served_socket_turns_nagle_off_on_the_servers_end_of_each_connection():
    with _served(_hello) as server:
        client = http.client.HTTPConnection("127.0.0.1", server.config.port, timeout=WAIT_S)
        for _ in range(2):  # two requests on one kept-alive connection, as a browser sends them
            client.request("GET", "/")
            assert client.getresponse().read() == b"ok"
        (connection,) = server.server_state.connections
        ends = connection.transport.get_extra_info("socket")
        assert ends.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        client.close()


def test_listening_on_every_ipv6_address_takes_ipv4_clients_too():
    with listening_socket("::", 0) as sock, socket.create_connection(("127.0.0.1", sock.getsockname()[1]), WAIT_S):
        assert sock.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY) == 0


def _streamlit_like(scope, receive, send):
    """Streamlit's page at any path but ``/static/``, a script there; compressed by Starlette's gzip middleware."""
    path = scope["path"]
    file = STREAMLIT_STATIC / (
        "static/js" + path.removeprefix("/static/js") if path.startswith("/static/") else "index.html"
    )
    return FileResponse(file)(scope, receive, send)


def _get(port: int, path: str) -> tuple[dict, bytes]:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT_S)
    client.request("GET", path, headers={"Accept-Encoding": "gzip"})
    response = client.getresponse()
    headers, body = {k.lower(): v for k, v in response.getheaders()}, response.read()
    client.close()
    return headers, body


def test_streamlits_page_announces_the_widget_modules_and_nothing_else_changes():
    iframe = [path.name for path in (STREAMLIT_STATIC / "static" / "js").glob("IFrame.*.js")]  # the map's frame
    app = PreloadMiddleware(GZipMiddleware(_streamlit_like, minimum_size=1000))
    with _served(app) as server:
        for path in ("/", "/%E4%B9%A1%E9%95%87"):  # the map page and another page (乡镇)
            headers, page = _get(server.config.port, path)
            assert "content-encoding" not in headers and int(headers["content-length"]) == len(page)
            assert f'<link rel="modulepreload" crossorigin href="./static/js/{iframe[0]}">'.encode() in page
            assert page.count(b"</head>") == 1 and page.index(iframe[0].encode()) < page.index(b"</head>")
        headers, script = _get(server.config.port, f"/static/js/{iframe[0]}")
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(script) == (STREAMLIT_STATIC / "static" / "js" / iframe[0]).read_bytes()


def _countymap(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.Popen:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.Popen(
        [sys.executable, "-m", "countymap", *args],
        cwd=cwd,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _settings_served(folder: Path, names: tuple[str, ...], **env: str) -> list[str]:
    """The values of Streamlit's settings ``names`` once the served app is made in a fresh interpreter in ``folder``."""
    code = (
        "from countymap.app.server import asgi_app; asgi_app(); from streamlit import config;"
        f" print(*[config.get_option(name) for name in {names!r}])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=WAIT_S,
        check=True,
    )
    return done.stdout.split()


def test_the_apps_streamlit_settings_apply_whatever_the_working_folder(tmp_path):
    wanted = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    served = _settings_served(tmp_path, ("server.disconnectedSessionTTL", "client.toolbarMode"))
    assert served == [str(wanted["server"]["disconnectedSessionTTL"]), wanted["client"]["toolbarMode"]]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--port", "0"], "argument --port: a port is a number from 1 to 65535 (got '0')"),
        (["--port", "http"], "argument --port: a port is a number from 1 to 65535 (got 'http')"),
        (["--address", "localhost"], "argument --address: an IP address such as 127.0.0.1, 0.0.0.0 or :: (got"),
    ],
)
def test_a_bad_flag_is_one_message_and_exit_2(args, says):
    process = _countymap("serve", *args)
    _out, err = process.communicate(timeout=WAIT_S)
    assert process.returncode == 2 and says in err and "Traceback" not in err


def test_a_port_in_use_is_one_message_and_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _countymap("serve", f"--port={port}")
        _out, err = process.communicate(timeout=WAIT_S)
    assert process.returncode == 2
    assert err.strip() == f"serve: error: cannot listen on 127.0.0.1 port {port}: Address already in use"


def test_a_port_set_for_streamlit_instead_of_the_flag_is_refused():
    process = _countymap("serve", "--port=1", STREAMLIT_SERVER_PORT="8600")  # refused before the port is tried
    _out, err = process.communicate(timeout=WAIT_S)
    assert process.returncode == 2
    assert err.strip() == "serve: error: set for Streamlit but not read by this command: server.port (use --port)"


def test_streamlit_variables_apply_as_under_streamlit_run(tmp_path):
    env = {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "7", "STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION": "false"}
    served = _settings_served(tmp_path, ("server.disconnectedSessionTTL", "server.enableXsrfProtection"), **env)
    assert served == ["7", "False"]


def test_a_streamlit_variable_that_does_not_convert_is_one_message():
    process = _countymap("serve", "--port=1", STREAMLIT_SERVER_MAX_UPLOAD_SIZE="lots")
    _out, err = process.communicate(timeout=WAIT_S)
    assert process.returncode == 2 and err.startswith("serve: error: STREAMLIT_SERVER_MAX_UPLOAD_SIZE: ")
    assert "Traceback" not in err


def test_the_server_runs_under_the_allocator_and_stops_cleanly_on_sigterm(tmp_path):
    port = live.free_port()
    environ = {key: value for key, value in os.environ.items() if key != "PYTHONMALLOC"}
    log = tmp_path / "serve.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "countymap", "serve", f"--port={port}"],
            cwd=ROOT,
            env=environ,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    try:
        live.wait_healthy(f"http://127.0.0.1:{port}", process, log)
        started_as = (Path("/proc") / str(process.pid) / "environ").read_bytes().split(b"\0")
        assert b"PYTHONMALLOC=malloc" in started_as
    finally:
        process.terminate()
        process.wait(timeout=WAIT_S)
    # 0, not -SIGTERM: the process exited (its exit hooks ran, the map's temporary folder went) instead of dying.
    assert process.returncode == 0, log.read_text(errors="replace")
