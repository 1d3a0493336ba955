"""Live explorers in the browser: Voilà serving the curated notebooks' explorers on a corpus.

``toolkit explore INPUT...`` extracts the corpus once, writes its tables (Parquet) into a
temporary folder, writes there a copy of each explorer notebook with the corpus injected as
its parameters (as the report does: :func:`toolkit.show.report.inject_parameters`), and serves
that folder with Voilà on 127.0.0.1. Each browser tab gets its own kernel, which reads the
tables instead of extracting again. Ctrl-C stops Voilà (and its kernels) and removes the folder.

The pages ask for nothing outside the server: Voilà runs with the ``offline`` template shipped
in ``toolkit/show/jupyter`` (put on ``JUPYTER_PATH`` for Voilà's process only), which drops the
stylesheets that Voilà's own page template links on a public CDN.

This module starts processes and never imports Voilà itself; the CLI does the printing.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat

from toolkit.errors import InputNotFound, ToolkitError
from toolkit.show.report import NOTEBOOKS, inject_parameters

#: Where Voilà finds the ``offline`` template (a Jupyter data folder: voila/templates/offline).
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"
TEMPLATE = "offline"
#: The curated notebooks that hold a live explorer, in the order they are listed.
EXPLORERS = ("2-troop-and-casualty-estimates.ipynb", "3-sequence-of-announcements.ipynb")
HOST = "127.0.0.1"
#: Longest wait for Voilà to listen on its port (it is up in about two seconds).
START_S = 120


class VoilaMissing(ToolkitError):
    """Voilà, which serves the explorers, is not installed in this environment."""


def free_port(host: str = HOST) -> int:
    """A TCP port that is free on ``host`` now (the system picks it)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def voila_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with the toolkit's templates first on
    ``JUPYTER_PATH``, so that Voilà finds the ``offline`` template."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_DATA), env.get("JUPYTER_PATH")]))
    return env


def voila_command(target: str | Path, port: int, *, host: str = HOST) -> list[str]:
    """The command that serves ``target`` (a notebook or a folder of them) on ``host:port``."""
    if importlib.util.find_spec("voila") is None:
        raise VoilaMissing("the explorers need Voilà, which is not installed here: "
                           "pip install 'voila>=0.5' (or the project's dev extra: pip install -e '.[dev]')")
    return [sys.executable, "-m", "voila", str(target), "--no-browser", f"--port={port}", f"--Voila.ip={host}",
            f"--template={TEMPLATE}", "--VoilaConfiguration.show_tracebacks=True"]


def write_explorers(folder: str | Path, params: dict[str, object], *,
                    notebooks: str | Path = NOTEBOOKS) -> list[Path]:
    """Copy the explorer notebooks into ``folder`` with ``params`` injected; return the copies.

    The stored outputs are dropped: Voilà runs every cell anew, and a copy without them is small.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPLORERS:
        source = Path(notebooks) / name
        if not source.is_file():
            raise InputNotFound(f"explorer notebook not found: {str(source)!r}")
        nb = nbformat.read(source, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        inject_parameters(nb, params)
        path = folder / name
        nbformat.write(nb, path)
        written.append(path)
    return written


@dataclass
class Explorers:
    """Voilà serving a folder of explorer notebooks; stop it with :meth:`stop`."""

    process: subprocess.Popen
    port: int
    notebooks: list[Path]
    log: Path | None = None
    host: str = HOST

    @property
    def url(self) -> str:
        """The page that lists the explorers."""
        return f"http://{self.host}:{self.port}/"

    def page(self, notebook: str | Path) -> str:
        """The URL of one explorer's dashboard."""
        return f"{self.url}voila/render/{Path(notebook).name}"

    def stop(self, timeout: float = 20) -> None:
        """SIGTERM (Voilà then shuts its kernels down); SIGKILL its process group if it hangs."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # its own group: only Voilà and its kernels
            self.process.wait(timeout=10)


def serve(folder: str | Path, notebooks: Sequence[Path], *, port: int | None = None,
          log: str | Path | None = None, host: str = HOST) -> Explorers:
    """Start Voilà on ``folder`` and return once it listens (or raise, with its log's end)."""
    port = port or free_port(host)
    command = voila_command(folder, port, host=host)
    out = open(log, "w", encoding="utf-8") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    try:
        # its own session: Ctrl-C in the terminal reaches the toolkit, which stops Voilà in order
        proc = subprocess.Popen(command, cwd=folder, env=voila_environment(), stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    finally:
        if log:
            out.close()
    explorers = Explorers(proc, port, list(notebooks), Path(log) if log else None, host)
    deadline = time.monotonic() + START_S
    while not listening(host, port):
        if proc.poll() is not None or time.monotonic() > deadline:
            explorers.stop()
            tail = _tail(explorers.log)
            raise ToolkitError(f"Voilà did not start on {host}:{port} (exit status {proc.returncode})"
                               + (f"; the end of its log {log}:\n{tail}" if tail else ""))
        time.sleep(0.2)
    return explorers


def listening(host: str, port: int) -> bool:
    """Whether something accepts TCP connections on ``host:port`` now."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _tail(log: Path | None, lines: int = 20) -> str:
    if log is None or not log.is_file():
        return ""
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
