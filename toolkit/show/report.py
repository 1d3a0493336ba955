"""Static HTML reports: run each curated notebook on a corpus and export it as one page.

For every notebook in ``notebooks/`` the runner injects the corpus into the cell tagged
``parameters`` (the way papermill does: a new cell after it, tagged ``injected-parameters``),
executes the notebook (in one of a few kernels that run notebook after notebook, cleared in
between: :mod:`toolkit.show.kernels`) and writes a self-contained HTML page: no code, charts
embedded as PNG data, no script and no request to any other host, styles inline, readable on a
screen and in print. An ``index.html`` links the pages and says what the corpus held.

Cells tagged ``interactive`` (the live explorers and their introductions) are left out: a
static file cannot run controls, so the report keeps the static charts and tables instead. They
are not even run (nbclient skips cells with that tag), so nothing a later cell needs may be
defined in one.

Article text is untrusted. Tables reach the page as pandas HTML (cell text escaped), then
every HTML output passes a whitelist of table and text tags (anything else is escaped, so it
shows as text); chart labels are pixels; and each page carries a Content-Security-Policy that
allows no script and no request at all, so even a missed tag could neither run nor phone home.

A notebook that fails does not stop the report: its page shows what ran, names the failing
cell and the error, and the index marks it failed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import html
import re
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import InputNotFound
from toolkit.show.kernels import RESET_TAG, Kernel, reset_cell

if TYPE_CHECKING:  # nbformat loads when a report is built (see _nbformat): the CLI starts quickly
    import nbformat

#: The curated notebooks shipped with the repository.
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

#: Cells with this tag are live controls: kept in notebooks, left out of static reports.
INTERACTIVE_TAG = "interactive"

_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@dataclass(frozen=True)
class PageResult:
    """What became of one notebook: its page, and the failing cell if it failed."""

    notebook: str
    title: str
    page: Path
    seconds: float
    failed_cell: int | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Report:
    """The pages written, the index that links them, and the corpus counts."""

    index: Path
    pages: list[PageResult]

    @property
    def failed(self) -> list[PageResult]:
        return [page for page in self.pages if not page.ok]


def find_notebooks(folder: str | Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks of ``folder``, in order (checkpoints and scratch files excluded)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputNotFound(f"notebook folder not found: {str(folder)!r}")
    found = sorted(p for p in folder.glob("*.ipynb") if p.name[:1].isdigit())
    if not found:
        raise InputNotFound(f"no numbered notebooks (such as 1-overview.ipynb) in {str(folder)!r}")
    return found


def _nbformat():  # noqa: ANN202 - the nbformat module
    """nbformat, imported without the IRI checker of jsonschema's optional formats.

    Importing nbformat imports jsonschema, which imports ``rfc3987_syntax`` when it is
    installed (jupyter-events asks for it), and that module builds an Earley parser of the
    RFC 3987 grammar as it is imported: 1.7 s of CPU, in a report that otherwise runs in a few
    seconds (issue 15). A notebook's schema checks no IRI, so it is kept out while jsonschema
    loads; it stays importable afterwards (jsonschema then checks no ``iri`` format in this
    process). Nothing changes when jsonschema was imported already.
    """
    if "nbformat" in sys.modules or "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        import nbformat

        return nbformat
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import nbformat
    finally:
        del sys.modules["rfc3987_syntax"]
    return nbformat


def inject_parameters(nb: nbformat.NotebookNode, values: dict[str, object]) -> nbformat.NotebookNode:
    """Put a cell assigning ``values`` right after the ``parameters`` cell (or first).

    >>> nbformat = _nbformat()
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    >>> inject_parameters(nb, {"x": 2}).cells[0].source
    'x = 2'
    """
    source = "\n".join(f"{name} = {value!r}" for name, value in values.items())
    cell = _nbformat().v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    nb.cells.insert(tagged[0] + 1 if tagged else 0, cell)
    return nb


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def execute(nb: nbformat.NotebookNode, cwd: Path, *, timeout: int = 600) -> tuple[int | None, str | None]:
    """Run ``nb`` in place in a fresh kernel; return (failing cell number, error) or (None, None).

    Cell numbers count from 1 over the notebook as stored (the injected cell not counted).
    Cells tagged ``interactive`` are not run: a static page leaves them out (see the module's
    docstring), and their live controls cost a kernel time for nothing.
    """
    from jupyter_core.utils import run_sync

    return run_sync(execute_async)(nb, cwd, timeout=timeout)


async def execute_async(nb: nbformat.NotebookNode, cwd: Path, *, timeout: int = 600,
                        ready: Callable[[], Awaitable[object]] | None = None,
                        kernel: Kernel | None = None) -> tuple[int | None, str | None]:
    """:func:`execute` as a coroutine: notebooks awaited together run at once, each in a
    kernel of its own (a fresh one, or ``kernel``), driven from one event loop.

    With ``ready``, the kernel starts and runs the cells up to the injected parameters at once,
    then awaits ``ready()`` before the next cell (the one that reads the tables, in the curated
    notebooks); an exception of ``ready()`` is raised here, not reported as the notebook's.

    With ``kernel``, the notebook runs in that :class:`~toolkit.show.kernels.Kernel` (started
    if it runs none), after a cell that clears what an earlier notebook left in it; a kernel
    in which a cell ran out of time is stopped, so the next notebook gets a fresh one.
    """
    nbformat = _nbformat()
    from nbclient import NotebookClient

    if kernel is not None and kernel.km is not None and kernel.runs:
        nb.cells.insert(0, reset_cell(nbformat))
    current: dict[str, int | None] = {"index": None}
    wait_at = _first_cell_after_parameters(nb) if ready is not None else None
    waiting = False

    async def on_start(cell, cell_index):  # noqa: ANN001, ANN202 - nbclient hook signature
        nonlocal waiting
        current["index"] = cell_index
        if cell_index == wait_at:
            waiting = True
            await ready()
            waiting = False

    options = {"timeout": timeout, "kernel_name": "python3", "on_cell_start": on_start,
               "skip_cells_with_tag": INTERACTIVE_TAG, "resources": {"metadata": {"path": str(cwd)}}}
    client = None
    try:
        if kernel is None:
            client = NotebookClient(nb, **options)
            await client.async_execute(stderr=subprocess.DEVNULL)  # the kernel's own start-up chatter
        else:
            client = NotebookClient(nb, km=await kernel.manager(cwd), **options)
            kernel.runs += 1
            await client.async_execute()
    except Exception as exc:  # noqa: BLE001 - any failure of a notebook is reported, not raised
        if waiting:  # what the notebook waited for failed: not the notebook's failure
            raise
        if kernel is not None and isinstance(exc, TimeoutError):
            await kernel.stop()  # a kernel that lost a reply is not given another notebook
        index = current["index"]
        number = None
        if index is not None:
            injected = [i for i, c in enumerate(nb.cells) if _INJECTED_TAGS & set(c.metadata.get("tags", []))]
            number = index + 1 - sum(1 for i in injected if i < index)
        if isinstance(exc, TimeoutError):  # (nbclient's CellTimeoutError is one)
            return number, f"{_TIMEOUT_PREFIX}: the cell gave no reply within {timeout} s"
        return number, _error_text(exc)
    finally:
        if kernel is not None and client is not None and client.kc is not None:
            client.kc.stop_channels()  # (the kernel stays: the client does not own it)
    return None, None


#: The tags of the cells the report adds to a notebook (not counted when it names a cell).
_INJECTED_TAGS = frozenset({"injected-parameters", RESET_TAG})


def _first_cell_after_parameters(nb: nbformat.NotebookNode) -> int:
    """The index of the first cell after the (injected) parameters: where a notebook starts
    to use what they name. 0 when the notebook has no parameters cell."""
    tags = [set(c.metadata.get("tags", [])) for c in nb.cells]
    marked = [i for i, t in enumerate(tags) if t & {"parameters", "injected-parameters"}]
    return marked[-1] + 1 if marked else 0


#: how :func:`_error_text` opens the text of a cell that ran out of time
_TIMEOUT_PREFIX = "timed out"


def _error_text(exc: Exception) -> str:
    """The last line of an execution error: the exception name and message."""
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    if ename:
        return f"{ename}: {evalue}"
    lines = [line for line in str(exc).strip().splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


#: Markup a report keeps from an HTML output: tables and text, no scripts, styles, media or links.
_ALLOWED_TAGS = frozenset({
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "div", "span", "p", "br",
    "pre", "code", "blockquote", "em", "strong", "b", "i", "ul", "ol", "li", "h1", "h2", "h3", "h4",
})
_ALLOWED_ATTRIBUTES = {"*": ["class"], "th": ["class", "colspan", "rowspan"], "td": ["class", "colspan", "rowspan"]}
# Group 1 is a whole <style> block. The other branch takes the rest of the markup as it is from
# a <style that is not closed: no later one is either, and a search would read to the end again
# from each.
_STYLE_BLOCK = re.compile(r"<style\b(?:([^>]*>.*?</style>)|.*)", re.S | re.I)


def clean_output_html(markup: str) -> str:
    """An HTML output made inert: a whitelist of table and text tags, everything else escaped.

    pandas' own ``<style>`` block is dropped first (the page styles tables); anything else that
    is not on the list, such as a script or an image with a handler, shows as text.

    >>> clean_output_html('<table><tr><td>x</td></tr></table><script>alert(1)</script>')
    '<table><tbody><tr><td>x</td></tr></tbody></table>&lt;script&gt;alert(1)&lt;/script&gt;'
    """
    import bleach

    unstyled = _STYLE_BLOCK.sub(lambda m: "" if m.group(1) is not None else m.group(0), markup)
    return bleach.clean(unstyled, tags=_ALLOWED_TAGS,
                        attributes=_ALLOWED_ATTRIBUTES, protocols=[], strip=False)


def static_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as a report shows it: no interactive cells, no widget views, no stderr,
    HTML outputs cleaned by :func:`clean_output_html`."""
    nb = _nbformat().from_dict(nb)
    nb.metadata.pop("widgets", None)  # saved widget state: only a live page could use it
    keep = []
    for cell in nb.cells:
        if {INTERACTIVE_TAG, RESET_TAG} & set(cell.metadata.get("tags", [])):
            continue
        if cell.cell_type == "code":
            cell.outputs = [
                out for out in cell.outputs
                if not (out.output_type == "stream" and out.get("name") == "stderr")
                and _WIDGET_MIME not in out.get("data", {})
            ]
            for out in cell.outputs:
                if "text/html" in out.get("data", {}):
                    out.data["text/html"] = clean_output_html(out.data["text/html"])
        keep.append(cell)
    nb.cells = keep
    return nb


def to_html_body(nb: nbformat.NotebookNode) -> str:
    """The notebook's markdown and outputs as an HTML fragment, without code.

    Call it on :func:`static_copy`'s result, whose HTML outputs are already cleaned.
    """
    body, _ = _exporter().from_notebook_node(nb)
    return body


@functools.lru_cache(maxsize=1)
def _exporter():  # noqa: ANN202 - an nbconvert HTMLExporter
    """One exporter for every page: its templates are compiled on the first page only."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True)


def render_page(title: str, body: str, *, note: str = "", back: bool = True) -> str:
    """A complete, self-contained HTML page around ``body`` (``title`` is escaped here)."""
    nav = '<nav><a href="index.html">&larr; All reports</a></nav>' if back else ""
    return _PAGE.format(title=html.escape(title), nav=nav, note=note, body=body, css=_CSS)


def build_report(
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    notebooks: str | Path = NOTEBOOKS,
    published: str | None = None,
    outlet: str | None = None,
    timeout: int = 600,
    progress: Callable[[str], None] | None = None,
    summary: str = "",
    tables: str | Path | None = None,
    jobs: int | None = None,
    prepare: Callable[[], str | None] | None = None,
) -> Report:
    """Run every curated notebook on ``inputs`` and write the HTML pages and index into ``out``.

    ``summary`` is an HTML fragment (already escaped) placed on the index page, such as the
    corpus counts. ``progress`` receives one line per notebook as it finishes. ``tables`` names
    a folder holding the tables already extracted from ``inputs`` (as :meth:`Corpus.write`
    writes them): each notebook then reads them (its ``tables_path`` parameter) instead of
    extracting the corpus again. The notebooks run in ``jobs`` kernels at once (None: one per
    core), a kernel taking the next notebook when it is done with one (its state cleared in
    between: :mod:`toolkit.show.kernels`); the pages do not depend on it.

    ``prepare``, when given, is called in a thread of its own as the kernels start: it writes
    the tables into ``tables`` (the CLI extracts the corpus there). Meanwhile each notebook
    that a kernel starts with runs up to its parameters (the imports), then waits for it. What it returns, if a str,
    is the index's summary; what it raises is raised here (the kernels are shut down first).
    A kernel's start and a notebook's imports take seconds that no longer wait for the
    extraction (issue 15).
    """
    paths = [str(Path(p).resolve()) for p in inputs]
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise InputNotFound(f"input not found: {missing[0]!r}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    params = {"corpus_path": paths if len(paths) > 1 else paths[0], "published": published, "outlet": outlet}
    if tables is not None:
        params["tables_path"] = str(Path(tables).resolve())
    found = find_notebooks(notebooks)
    done = 0

    def report_done(result: PageResult) -> None:
        nonlocal done
        done += 1
        if progress:
            state = "ok" if result.ok else f"FAILED at cell {result.failed_cell}: {result.error}"
            progress(f"[{done}/{len(found)}] {result.notebook}: {state} ({result.seconds:.1f} s)")

    from jupyter_core.utils import run_sync

    pages, prepared = run_sync(_run_notebooks)(found, out, params, timeout=timeout, jobs=jobs,
                                               done=report_done, prepare=prepare)
    index = out / "index.html"
    index.write_text(_index_html(pages, paths, prepared if isinstance(prepared, str) else summary),
                     encoding="utf-8")
    return Report(index, pages)


async def _run_notebooks(paths: list[Path], out: Path, params: dict[str, object], *, timeout: int,
                         jobs: int | None, done: Callable[[PageResult], None],
                         prepare: Callable[[], str | None] | None = None) -> tuple[list[PageResult], object]:
    """Every notebook's page, in the order of ``paths`` (``done`` hears of each as it ends),
    and what ``prepare`` returned.

    The notebooks run in ``jobs`` kernels (None: one per core, and no more than there are
    notebooks), each kernel taking the next notebook when it is done with one (see
    :mod:`toolkit.show.kernels`: a kernel's start and imports are paid once, not once per
    notebook). One event loop drives every kernel; a kernel is its own process, so the
    kernels run in parallel all the same.
    """
    from toolkit.tables.extraction import default_jobs

    ready = asyncio.ensure_future(asyncio.to_thread(prepare)) if prepare is not None else None
    results: list[PageResult | None] = [None] * len(paths)
    todo = iter(range(len(paths)))  # shared by the kernels: each takes the next notebook

    writing: list[asyncio.Future[None]] = []  # the pages, written in a thread (see _Page)

    async def write(i: int, page: _Page) -> None:
        results[i] = await asyncio.to_thread(page.write)
        done(results[i])

    async def run_in(kernel: Kernel) -> None:
        try:
            for i in todo:  # the kernel goes on to its next notebook as this one's page is written
                page = await _run_notebook(paths[i], out, params, timeout=timeout, ready=ready, kernel=kernel)
                writing.append(asyncio.ensure_future(write(i, page)))
        finally:
            await kernel.stop()

    n_kernels = max(1, min(jobs or default_jobs(), len(paths)))
    tasks = [asyncio.ensure_future(run_in(Kernel())) for _ in range(n_kernels)]
    tasks.append(asyncio.ensure_future(asyncio.to_thread(_warm_exporter)))
    try:
        try:
            prepared = await ready if ready is not None else None
        except Exception:
            # each notebook stops where it waits for the tables, and its kernel is stopped
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        await asyncio.gather(*tasks)
        await asyncio.gather(*writing)
        return [r for r in results if r is not None], prepared
    except BaseException:
        for task in tasks:  # each stops its kernel as it is cancelled
            task.cancel()
        await asyncio.gather(*tasks, *writing, *([ready] if ready is not None else []), return_exceptions=True)
        raise


@dataclass
class _Page:
    """An executed notebook whose page is still to be written (:meth:`write`, in any thread:
    the pages are rendered one at a time, since they share one exporter)."""

    path: Path
    page: Path
    title: str
    nb: nbformat.NotebookNode
    seconds: float
    failed_cell: int | None
    error: str | None

    def write(self) -> PageResult:
        note = ""
        if self.error is not None:
            where = f"cell {self.failed_cell}" if self.failed_cell else "start-up"
            note = (f'<div class="failed"><b>This notebook failed at {where}</b> of {html.escape(self.path.name)}: '
                    f"<code>{html.escape(self.error)}</code>. What ran before it is shown below.</div>")
        with _EXPORTING:
            body = to_html_body(static_copy(self.nb))
        self.page.write_text(render_page(self.title, body, note=note), encoding="utf-8")
        return PageResult(self.path.name, self.title, self.page, self.seconds, self.failed_cell, self.error)


#: One page rendered at a time (the exporter is shared, and not made for threads).
_EXPORTING = threading.Lock()


def _warm_exporter() -> None:
    """Compile the exporter's templates (half a second) while the kernels start, rather than
    when the first page is due."""
    with _EXPORTING:
        to_html_body(_nbformat().v4.new_notebook())


async def _run_notebook(path: Path, out: Path, params: dict[str, object], *, timeout: int,
                        ready: Awaitable[object] | None = None, kernel: Kernel | None = None) -> _Page:
    """Execute one notebook with ``params``; its page is written by the result's
    :meth:`_Page.write`. A failure is in the result. Its seconds leave out the time it waited
    for ``ready`` (the tables)."""
    nbformat = _nbformat()
    started = time.monotonic()
    waited = 0.0

    async def tables() -> object:
        nonlocal waited
        begun = time.monotonic()
        try:
            return await ready  # type: ignore[misc]  # (a task: any number may await it)
        finally:
            waited += time.monotonic() - begun

    wait = tables if ready is not None else None
    nb = nbformat.read(path, as_version=4)
    title = _title(nb, path.stem)
    inject_parameters(nb, params)
    failed_cell, error = await execute_async(nb, path.parent, timeout=timeout, ready=wait, kernel=kernel)
    if error is not None and error.startswith(_TIMEOUT_PREFIX):
        # A kernel can leave a reply unsent while it sits idle with the cell done (seen with
        # ipykernel 6 and 7 under load: the runner then waits out the cell's timeout). The
        # notebooks are re-runnable, so one fresh kernel is tried before the page says "failed"
        # (execute_async stopped the kernel that stalled).
        print(f"{path.name}: {error}; running it again in a fresh kernel", file=sys.stderr, flush=True)
        nb = nbformat.read(path, as_version=4)
        inject_parameters(nb, params)
        failed_cell, error = await execute_async(nb, path.parent, timeout=timeout, ready=wait, kernel=kernel)
    return _Page(path, out / f"{path.stem}.html", title, nb, time.monotonic() - started - waited, failed_cell, error)


def _index_html(pages: list[PageResult], inputs: list[str], summary: str) -> str:
    rows = []
    for page in pages:
        link = f'<a href="{html.escape(page.page.name)}">{html.escape(page.title)}</a>'
        state = ("ok" if page.ok else
                 f'<span class="bad">failed at cell {page.failed_cell}: {html.escape(page.error or "")}</span>')
        rows.append(f"<tr><td>{link}</td><td>{html.escape(page.notebook)}</td><td>{state}</td></tr>")
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in inputs)
    stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    body = ("<h1>Analyst reports</h1>"
            f"<p>Built {html.escape(stamp)} from:</p><ul>{items}</ul>{summary}"
            "<table><thead><tr><th>Report</th><th>Notebook</th><th>Status</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            "<p>Charts are images; the live explorers run only in Jupyter "
            "(<code>.venv/bin/jupyter lab notebooks/</code>).</p>")
    return render_page("Analyst reports", body, back=False)


_CSS = """
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: #1d232a; max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin-top: .5rem; } h2 { font-size: 1.3rem; margin-top: 2rem; }
nav a, a { color: #1f5f99; }
.anchor-link { display: none; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
img { max-width: 100%; height: auto; display: block; margin: .5rem 0; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #d5d9de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #8a939c; }
tbody tr:nth-child(even) { background: #f5f7f9; }
pre { white-space: pre-wrap; font-size: .85rem; background: #f5f7f9; padding: .5rem; }
.jp-OutputArea-output { overflow-x: auto; }
.failed { border: 2px solid #b3261e; background: #fdecea; padding: .75rem; margin: 1rem 0; }
.bad { color: #b3261e; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  img, table, tr { page-break-inside: avoid; }
  .jp-OutputArea-output { overflow: visible; }
}
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
{nav}
{note}
{body}
</body>
</html>
"""
