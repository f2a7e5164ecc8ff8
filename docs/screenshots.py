"""Draw the README's pictures again: the network, the map and the time line of the bundled
corpus, in headless Chromium with the network blocked.

    untoc-graph build && python docs/screenshots.py            # reads output/, writes docs/*.png
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).parent


def shoot(browser, page_path: Path, ready: str, picture: Path, action=None) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 820})
    page.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort()
    )
    page.goto(page_path.as_uri())
    page.wait_for_function(f"window.{ready} && window.{ready}.ready")
    if action:
        action(page)
    page.wait_for_timeout(300)
    page.screenshot(path=str(picture))
    page.close()
    print(f"wrote {picture}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("output"), help="a build's folder")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        focus = Path(scratch) / "focus.html"
        subprocess.run(
            [
                "untoc-graph",
                "view",
                "--focus",
                "UNTOC Review Mechanism",
                "--store",
                str(args.output / "store"),
                "-o",
                str(focus),
            ],
            check=True,
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=args.chromium, args=["--headless", "--no-sandbox"]
            )
            shoot(browser, args.output / "graph.html", "untocView", DOCS / "view.png")
            shoot(browser, focus, "untocView", DOCS / "view-focus.png")
            shoot(
                browser,
                args.output / "map.html",
                "untocMap",
                DOCS / "map.png",
                lambda page: page.locator(
                    ".marker", has=page.locator("title", has_text="Baghdad")
                ).click(),
            )
            shoot(
                browser,
                args.output / "timeline.html",
                "untocTimeline",
                DOCS / "timeline.png",
                lambda page: page.locator(".bar").last.click(),
            )
            browser.close()


if __name__ == "__main__":
    main()
