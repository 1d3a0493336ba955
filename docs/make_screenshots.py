"""Screenshots of the HTML report for the README: `make screenshots` (after `make report`).

Opens build/report/*.html in Debian's headless chromium (no request leaves the machine: any
URL other than file: or data: is aborted) and writes docs/screenshots/<page>.png, the first
screenful of each page at a laptop's width.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]


def main(report: Path = REPO / "build" / "report", out: Path = REPO / "docs" / "screenshots") -> int:
    pages = sorted(report.glob("*.html"))
    if not pages:
        print(f"no report in {report}: run `make report` first", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1600})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
        for html in pages:
            page.goto(html.as_uri(), wait_until="load")
            target = out / f"{html.stem}.png"
            page.screenshot(path=str(target))
            print(target.relative_to(REPO))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
