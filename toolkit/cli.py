"""The ``toolkit`` command line: thin wrappers over :func:`toolkit.load`.

This is the only module that prints or exits. It parses arguments, shows progress on stderr
(only on a terminal, and never with ``--quiet``), calls the library, prints a one-line summary
and maps stated errors (:class:`~toolkit.errors.ToolkitError`) to exit code 2 with a message
that says what to do next.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from toolkit.errors import InputNotFound, ToolkitError, UnknownFormat, choice_error
from toolkit.read.readers import find_files, parse_date
from toolkit.tables.extraction import DEFAULT_MAX_CHARS, DEFAULT_TIME_LIMIT, default_jobs

if TYPE_CHECKING:  # pandas loads only when a command needs the tables: --help and --version stay quick
    from toolkit.tables.corpus import Corpus

#: The bundled sample corpus, the default input of ``toolkit report``.
SAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"

EXTRACT_HELP = """\
Read articles and write the tables (articles, dates, figures, ...) as files.

example:
  toolkit extract data/articles ../more/articles.jsonl --out build/tables --format csv
  toolkit extract data/articles --format acled --out build/acled
"""
REPORT_HELP = """\
Run the curated notebooks over a corpus (default: the bundled sample) and write one
self-contained HTML page per notebook, an index.html linking them, and the tables as CSV.
Exits 1 when a notebook failed (its page and the index say at which cell; the rest is written).

example:
  toolkit report data/articles --out build/report
"""
EXPLORE_HELP = """\
Open the live explorers (estimates and claims; the sequence of announcements) on a corpus
(default: the bundled sample) in the browser: the corpus is extracted once, then Voila serves
the two explorer notebooks on 127.0.0.1, every page asking nothing of any other host. Prints
the addresses; Ctrl-C stops the server and removes its temporary folder.

example:
  toolkit explore data/articles --open
"""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors that end in a hint."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"toolkit: {message} (see 'toolkit {self.prog.split()[-1]} --help')\n"
                  if " " in self.prog else f"toolkit: {message} (see 'toolkit --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``toolkit`` command."""
    parser = _Parser(
        prog="toolkit",
        description="Turn news articles into tables of dates, figures and events.",
        epilog="example:\n  toolkit extract data/articles --out build/tables",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"toolkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    ex = sub.add_parser("extract", help="read articles and write the tables",
                        description=EXTRACT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (read recursively)")
    ex.add_argument("--out", default="build/tables", metavar="DIR", help="output folder (default: build/tables)")
    ex.add_argument("--format", default="csv", metavar="FORMAT",
                    help="csv, parquet or jsonl (every table), or acled (the timeline in ACLED's "
                         "columns, acled.csv) (default: csv)")
    _common(ex)

    rep = sub.add_parser("report", help="run the toolkit over a corpus and write the report",
                         description=REPORT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    rep.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders (default: the bundled sample corpus)")
    rep.add_argument("--out", default="build/report", metavar="DIR", help="output folder (default: build/report)")
    rep.add_argument("--notebooks", metavar="DIR", help="folder of numbered notebooks to run (default: the curated ones)")
    rep.add_argument("--timeout", type=int, default=600, metavar="SECONDS",
                     help="longest a notebook cell may run (default: 600)")
    _common(rep, jobs_default="every core but one for each notebook, whose kernel starts meanwhile")

    exp = sub.add_parser("explore", help="open the live explorers on a corpus in the browser",
                         description=EXPLORE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    exp.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders (default: the bundled sample corpus)")
    exp.add_argument("--port", type=_positive(int), metavar="N", help="port on 127.0.0.1 (default: a free one)")
    exp.add_argument("--open", action="store_true", help="open the explorers' page in the default browser")
    exp.add_argument("--log", metavar="FILE", help="write Voila's log to FILE (default: a temporary file, "
                                                   "shown if Voila stops by itself)")
    _common(exp)
    return parser


def _common(p: argparse.ArgumentParser, *, jobs_default: str = "every core") -> None:
    p.add_argument("--published", metavar="DATE", help="publication date (YYYY-MM-DD) for articles that lack one")
    p.add_argument("--outlet", metavar="NAME", help="outlet name for articles that lack one")
    p.add_argument("--max-chars", type=_positive(int), default=DEFAULT_MAX_CHARS, metavar="N",
                   help=f"longest article text to extract, in characters; a longer one is an error row "
                        f"(default: {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--time-limit", type=_positive(float), default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
                   help=f"longest time extraction may take on one article; it is then an error row "
                        f"(default: {DEFAULT_TIME_LIMIT:g})")
    p.add_argument("-j", "--jobs", type=_positive(int), default=None, metavar="N",
                   help=f"worker processes extracting articles (default: {jobs_default}; a small "
                        "corpus runs in one); the tables are the same whatever N")
    p.add_argument("--engine", default="default", choices=["default", "dask"],
                   help="default (this machine, --jobs processes) or dask (the workers of a Dask cluster)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the cluster's scheduler (default: a local cluster for the run)")
    p.add_argument("--parties", action="append", metavar="FILE",
                   help="an extra parties file (the sides of another conflict, in the format of "
                        "data/lexicon/parties.yaml) read over the lexicon's; may be given more than once")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def _positive(kind: type):  # noqa: ANN202 - an argparse type
    def parse(value: str):  # noqa: ANN202
        try:
            number = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a positive number, got {value!r}") from None
        if not number > 0:
            raise argparse.ArgumentTypeError(f"expected a positive number, got {value!r}")
        return number

    return parse


def _progress(quiet: bool, total_files: int, unit: str = "article"):  # noqa: ANN202 - a tqdm-backed callback
    if quiet or not sys.stderr.isatty() or total_files < 2:
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=0, unit=unit, file=sys.stderr, leave=False)

    def tick(i: int, n: int, _name: str) -> None:
        bar.total = n
        bar.n = i
        bar.refresh()

    return tick, bar.close


def _summary(corpus: Corpus, out: Path, fmt: str) -> str:
    return _counts_line(corpus.summary(), list(corpus.tables), out, fmt)


def _counts_line(counts: dict[str, int], tables: list[str], out: Path, fmt: str) -> str:
    n = counts["ok"] + counts["empty"] + counts["error"]
    rows = ", ".join(f"{counts[name]} {name}" for name in tables)
    tail = f"; {rows}" if rows else ""
    return (f"{n} articles: {counts['ok']} ok, {counts['empty']} empty, {counts['error']} error"
            f"{tail} -> {out}/ ({fmt})")


def _run(args: argparse.Namespace) -> int:
    published = None
    if args.published:
        try:
            published = parse_date(args.published)
        except ValueError as exc:
            raise ToolkitError(f"{exc} (for example --published 2025-04-28)") from None
    inputs = args.inputs
    if args.command in ("report", "explore") and not inputs:
        if not SAMPLE_CORPUS.is_dir():
            raise InputNotFound(f"the bundled sample corpus is not at {SAMPLE_CORPUS}")
        inputs = [str(SAMPLE_CORPUS)]
    fmt = getattr(args, "format", "csv")
    if args.command == "extract":
        from toolkit.tables.corpus import FORMATS

        if fmt not in FORMATS:
            raise UnknownFormat(choice_error("format", fmt, FORMATS) + " (choose one with --format)")
    try:
        n_files = len(find_files(inputs))
    except InputNotFound as exc:
        raise InputNotFound(f"{exc}; check the path (folders are read recursively)") from None

    def extract(jobs: int | None = args.jobs) -> Corpus:
        # (pandas and the extractors load here: for a report, while its kernels start)
        from toolkit.tables.corpus import load

        tick, close = _progress(args.quiet, n_files)
        try:
            return load(inputs, published=published, outlet=args.outlet, progress=tick,
                        max_chars=args.max_chars, time_limit=args.time_limit, jobs=jobs,
                        engine=args.engine, scheduler=args.scheduler, parties=args.parties)
        finally:
            close()

    if args.command == "report":
        return _report(args, inputs, extract, Path(args.out))
    if args.command == "extract" and fmt != "acled":
        return _stream(args, inputs, published, fmt, n_files)
    corpus = extract()
    if args.command == "explore":
        return _explore(args, inputs, corpus)
    out = Path(args.out)
    paths = corpus.write(out, format=fmt)
    print(_summary(corpus, out, fmt) if fmt != "acled" else _acled_summary(corpus, paths[0]))
    return 0


def _stream(args: argparse.Namespace, inputs: list[str], published: object, fmt: str, n_files: int) -> int:
    """``toolkit extract``: on this machine, read, extract and write a batch at a time
    (:func:`toolkit.tables.stream.extract_to`), the same files in bounded memory; with
    ``--engine dask``, the tables built and written by the cluster's workers
    (:mod:`toolkit.tables.dask_tables`)."""
    from toolkit.tables.stream import extract_to

    out = Path(args.out)
    if args.engine == "dask":
        from toolkit.read.formats import Defaults
        from toolkit.tables.corpus import _lexicon_argument
        from toolkit.tables.dask_tables import extract_with_cluster

        _, counts = extract_with_cluster(out, inputs, format=fmt, defaults=Defaults(published, args.outlet),
                                         scheduler=args.scheduler, max_chars=args.max_chars,
                                         time_limit=args.time_limit, lexicon=_lexicon_argument(args.parties))
        print(_counts_line(counts, [name for name in counts if name not in ("ok", "empty", "error")], out, fmt))
        return 0
    tick, close = _progress(args.quiet, n_files, unit="file")
    try:
        _, counts = extract_to(out, inputs, format=fmt, published=published, outlet=args.outlet, progress=tick,
                               max_chars=args.max_chars, time_limit=args.time_limit, jobs=args.jobs,
                               parties=args.parties)
    finally:
        close()
    print(_counts_line(counts, [name for name in counts if name not in ("ok", "empty", "error")], out, fmt))
    return 0


def _acled_summary(corpus: Corpus, path: Path) -> str:
    counts = corpus.summary()
    n = counts["ok"] + counts["empty"] + counts["error"]
    return (f"{n} articles: {counts['ok']} ok, {counts['empty']} empty, {counts['error']} error; "
            f"{counts.get('timeline', 0)} timeline events -> {path} (acled)")


def _report(args: argparse.Namespace, inputs: list[str], extract: Callable[..., Corpus], out: Path) -> int:
    """Tables first (useful even if a notebook fails), then the notebook pages.

    The notebooks' kernels (one per core, no more than there are notebooks, each running
    notebook after notebook) start, and run their imports, while the corpus is extracted (in a
    thread of this process): they wait for the tables only where they first read them. So the
    extraction leaves a core to each kernel unless ``--jobs`` says otherwise (on two cores, a
    pool of extraction workers beside the starting kernels cost more than it saved).
    """
    from toolkit.show.report import NOTEBOOKS, build_report, find_notebooks

    notebooks = args.notebooks or NOTEBOOKS
    jobs = args.jobs or max(default_jobs() - min(len(find_notebooks(notebooks)), default_jobs()), 1)

    tables = out / "tables"
    # the notebooks read the tables extracted here (Parquet keeps every dtype) rather than
    # extracting the corpus again in each kernel
    handoff = tables / "parquet"

    def prepare() -> str:
        corpus = extract(jobs)
        corpus.write(tables, format="csv")
        corpus.write(handoff, format="parquet")
        print(_summary(corpus, tables, "csv"), flush=True)
        return _summary_html(corpus)

    say = None if args.quiet else (lambda line: print(line, file=sys.stderr, flush=True))
    report = build_report(inputs, out, notebooks=notebooks, published=args.published,
                          outlet=args.outlet, timeout=args.timeout, progress=say, tables=handoff,
                          prepare=prepare)
    for page in report.failed:
        print(f"toolkit: notebook {page.notebook} failed at cell {page.failed_cell}: {page.error}",
              file=sys.stderr)
    print(f"report written to {out}/: open {report.index} "
          f"({len(report.pages) - len(report.failed)} of {len(report.pages)} notebooks ok; tables in {tables}/)")
    return 1 if report.failed else 0


def _explore(args: argparse.Namespace, inputs: list[str], corpus: Corpus) -> int:
    """Serve the explorers until Ctrl-C (exit 0) or until Voilà stops by itself (exit 1)."""
    import tempfile

    from toolkit.show.explore import serve, write_explorers

    with tempfile.TemporaryDirectory(prefix="toolkit-explore-") as tmp:
        folder = Path(tmp)
        tables = corpus.write(folder / "tables", format="parquet")[0].parent
        print(_summary(corpus, tables, "parquet"))
        params = {"corpus_path": [str(Path(p).resolve()) for p in inputs], "published": args.published,
                  "outlet": args.outlet, "tables_path": str(tables)}
        notebooks = write_explorers(folder, params)
        log = Path(args.log) if args.log else folder / "voila.log"
        explorers = serve(folder, notebooks, port=args.port, log=log)
        try:
            print(f"explorers at {explorers.url} (Ctrl-C stops them):")
            for path in notebooks:
                print(f"  {explorers.page(path)}")
            sys.stdout.flush()
            if args.open:
                import webbrowser

                webbrowser.open(explorers.url)
            status = explorers.process.wait()
            print(f"toolkit: Voilà stopped by itself (exit status {status}); the end of its log:\n"
                  + "\n".join(log.read_text(errors="replace").splitlines()[-20:]),
                  file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            explorers.stop()
            print("explorers stopped", file=sys.stderr)
            return 0
        finally:
            explorers.stop()


def _summary_html(corpus: Corpus) -> str:
    """The corpus counts as a small HTML table for the report's index (numbers only)."""
    counts = corpus.summary()
    cells = "".join(f"<tr><th>{name}</th><td>{value:,}</td></tr>" for name, value in counts.items())
    links = ", ".join(f'<a href="tables/{name}.csv">{name}.csv</a>' for name in ["articles", *corpus.tables])
    return (f"<table><caption>Articles by status, rows per table</caption><tbody>{cells}</tbody></table>"
            f"<p>The tables as CSV: {links}.</p>")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``toolkit`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return _run(args)
    except ToolkitError as exc:
        print(f"toolkit: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("toolkit: interrupted", file=sys.stderr)
        return 130
