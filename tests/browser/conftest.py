"""Browser harness: Playwright for Python driving Debian's Chromium (never a downloaded browser).

Every issue adds its own journeys under tests/browser/. Screenshots land in
var/screenshots/ so a person can look at what the pages show.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.demo_build import copy_site, make_run_environment

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "var" / "screenshots"
# Chromium as root on a closed network: no sandbox, no background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("SANTRAL_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium gerekli ama {CHROMIUM} yok (apt-get install chromium).")
        pytest.skip(f"{CHROMIUM} yok: tarayıcı testleri bu makinede çalışmaz.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests
    # make beside it (demo data, flushing the database) are still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="tr-TR")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


# live site URL → (its environment, its mail folder), for the helpers below.
_LIVE_SITES: dict[str, tuple[dict, Path]] = {}


@pytest.fixture
def run_tasks(live_site):
    """Run the live site's queued tasks as its worker would (all queues, then exit).

    Returns the texts of every e-mail the site has written so far, oldest first.
    """
    env, mail_folder = _LIVE_SITES[live_site]

    def run() -> list[str]:
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "db_worker",
                "--batch",
                "--queue-name",
                "*",
                "--no-startup-delay",
                "--no-reload",
            ],
            env=env,
            check=True,
            capture_output=True,
            cwd=ROOT,
            timeout=120,
        )
        files = sorted(mail_folder.glob("*.log"), key=lambda f: f.stat().st_mtime)
        return [f.read_text(encoding="utf-8", errors="replace") for f in files]

    return run


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def live_site(demo_site, tmp_path_factory):
    """A real Santral server with the demo data, on its own SQLite file, as a user meets it.

    A copy of the demo `make run` builds (tests/demo_build.py: migrate, load_demo, the
    worker), served by runserver in a separate process, so the browser sees exactly what
    `make run` serves and the test database machinery stays out of it.
    """
    if external := os.environ.get("SANTRAL_LIVE_SITE"):
        # A server a developer already runs with the demo data (faster while writing a
        # journey); its environment (DATABASE_URL, EMAIL_URL=file://…) is this process's.
        mail = os.environ.get("EMAIL_URL", "file:///nonexistent").removeprefix("file://")
        _LIVE_SITES[external] = (dict(os.environ), Path(mail))
        yield external
        return
    folder = tmp_path_factory.mktemp("live-site")
    copy_site(demo_site[0], folder)
    # Mail as files, so a journey can read the message a person would receive.
    env = make_run_environment(folder, EMAIL_URL=f"file://{folder / 'mail'}")
    manage = [sys.executable, str(ROOT / "manage.py")]
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # 60 s: on a busy machine (two cores shared by several test runs) runserver's
        # checks alone can take longer than 10 s.
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/konseyler/", timeout=5)  # noqa: S310 (loopback)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("Santral sunucusu 60 saniyede açılmadı.")
                time.sleep(0.2)
        _LIVE_SITES[url] = (env, folder / "mail")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
