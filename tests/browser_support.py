"""What the real-browser tests share: free ports, servers started in their own process group and
stopped whatever happens, and pages that may reach 127.0.0.1 only (every other request, HTTP or
websocket, refused and recorded)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from toolkit.show.explore import HOST as LOCAL_HOST, free_port, listening  # noqa: F401 - re-exported

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route, WebSocketRoute

OUTSIDE_WEB_SOCKET = re.compile(r"^wss?://(?!127\.0\.0\.1[:/])")


def stop(proc: subprocess.Popen, first: signal.Signals = signal.SIGTERM, timeout: float = 30) -> None:
    """Send ``first`` (the server then shuts its kernels down); SIGKILL its process group if it
    has not exited within ``timeout`` seconds. The server must have been started with
    ``start_new_session=True``, so that the group holds only its own processes."""
    if proc.poll() is not None:
        return
    proc.send_signal(first)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def is_local(url: str) -> bool:
    """Whether the page may fetch ``url``: from 127.0.0.1, or not from a network (data:, blob:)."""
    parts = urlsplit(url)
    return parts.scheme not in ("http", "https") or parts.hostname == LOCAL_HOST


def keep_local(page: Page, outside: list[str]) -> None:
    """Let ``page`` reach 127.0.0.1 only; every other request is refused and its URL added to ``outside``."""

    def route(request: Route) -> None:
        if is_local(request.request.url):
            request.continue_()
        else:
            outside.append(request.request.url)
            request.abort()

    def refuse(ws: WebSocketRoute) -> None:
        outside.append(ws.url)
        ws.close()  # never connected to the server: the page sees the socket close at once

    page.route("**/*", route)
    page.route_web_socket(OUTSIDE_WEB_SOCKET, refuse)
