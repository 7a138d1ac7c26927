"""Audit the demo's pages with Lighthouse, the Nu Html Checker and axe; fail below target.

Run by `make audit`, which installs the tools under var/audit/. The demo is loaded into a
fresh var dir and served on a free loopback port; nothing leaves the machine.
"""

# ruff: noqa: S603, S607 - runs the audit tools named here, on loopback URLs it builds itself

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "P", "accessibility": "A", "best-practices": "BP", "seo": "SEO"}
PRESETS = ("mobile", "desktop")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync --lang=id"
)
TARGET_SCORE = 100


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:  # refused while starting, or a slow first render
            time.sleep(0.5)
    raise SystemExit(f"The demo did not answer on {url} within {seconds} s: see its log.")


def audited_paths(env):
    """Ask the demo database for the five pages: home, a section, a tag, a reporter, the seed."""
    script = (
        "from warta.demo.content import SEED\n"
        "from warta.news.models import ArticlePage\n"
        "a = ArticlePage.objects.get(slug=SEED.slug)\n"
        "section = a.get_parent()\n"
        "print(section.url); print('/tag/%s/' % a.tags.order_by('slug').first().slug)\n"
        "print('/penulis/%s/' % a.reporter.slug); print(a.url)\n"
    )
    output = subprocess.run(
        [sys.executable, "-m", "warta", "shell", "-c", script],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    section, tag, reporter, article = output[-4:]
    return {"home": "/", "section": section, "tag": tag, "reporter": reporter, "article": article}


def lighthouse(tools, url, preset, workdir):
    report = workdir / "lighthouse.json"
    command = [
        str(tools / ".bin" / "lighthouse"),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--max-wait-for-load=30000",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    chrome = os.environ | {"CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run(command, check=True, timeout=240, env=chrome)
    result = json.loads(report.read_text())
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = [
        f"{audit_id} ({audit['score']})"
        for audit_id, audit in result["audits"].items()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]
    return scores, failing


def nu_checker(tools, urls):
    """Return {url: [error messages]} from the Nu Html Checker."""
    jar = tools / "vnu-jar" / "build" / "dist" / "vnu.jar"
    done = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *urls],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = {url: [] for url in urls}
    for message in messages:
        if message.get("type") == "error":
            errors.setdefault(message.get("url", "?"), []).append(
                f"line {message.get('lastLine')}: {message.get('message')}"
            )
    return errors


def axe(tools, urls, workdir):
    """Return {url: [violated rule ids]} from axe-core in Chromium."""
    subprocess.run(
        [
            str(tools / ".bin" / "axe"),
            *urls,
            "--chromedriver-path",
            "/usr/bin/chromedriver",
            "--chrome-path",
            "/usr/bin/chromium",
            "--chrome-options",
            "headless=new,no-sandbox,disable-gpu,lang=id",
            "--dir",
            str(workdir),
            "--save",
            "axe.json",
            "--no-reporter",
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    results = json.loads((workdir / "axe.json").read_text())
    return {
        result["url"]: [
            f"{violation['id']} x{len(violation['nodes'])}" for violation in result["violations"]
        ]
        for result in results
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tools", type=Path, default=ROOT / "var" / "audit" / "node_modules")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and preset")
    parser.add_argument("--report", type=Path, default=ROOT / "var" / "audit" / "report.md")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="warta-audit-"))
    port = free_port()
    env = os.environ | {"WARTA_VAR_DIR": str(workdir / "var"), "WARTA_DEBUG": "0"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "-m", "warta", "demo", "--no-serve"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    paths = audited_paths(env)
    log = open(workdir / "serve.log", "w")  # noqa: SIM115 - closed after the server stops
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "warta",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/")
        urls = {name: base + path for name, path in paths.items()}
        for url in urls.values():  # first renders create the image renditions
            urllib.request.urlopen(url, timeout=60).read()  # noqa: S310 - loopback
        rows, problems = [], []
        html_errors = nu_checker(options.tools, list(urls.values()))
        axe_violations = axe(options.tools, list(urls.values()), workdir)
        for name, url in urls.items():
            row = {"page": f"{name} `{paths[name]}`"}
            for preset in PRESETS:
                runs = []
                for _ in range(options.runs):
                    scores, failing = lighthouse(options.tools, url, preset, workdir)
                    runs.append(scores)
                medians = {
                    category: statistics.median(run[category] for run in runs)
                    for category in CATEGORIES
                }
                row[preset] = medians
                for category, score in medians.items():
                    if score < TARGET_SCORE:
                        problems.append(
                            f"{name} {preset} {category} {score:g}: {', '.join(failing)}"
                        )
                print(f"{name} {preset}: {medians}", file=sys.stderr, flush=True)
            row["vnu"] = html_errors.get(url, [])
            row["axe"] = axe_violations.get(url, ["axe reported nothing for this page"])
            problems += [f"{name} vnu: {error}" for error in row["vnu"]]
            problems += [f"{name} axe: {violation}" for violation in row["axe"]]
            rows.append(row)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)

    header = (
        "| page | mobile P/A/BP/SEO | desktop P/A/BP/SEO | Nu errors | axe violations |\n"
        "| --- | --- | --- | --- | --- |"
    )
    lines = [header]
    for row in rows:
        cells = [
            row["page"],
            *("/".join(f"{row[preset][c]:g}" for c in CATEGORIES) for preset in PRESETS),
            str(len(row["vnu"])),
            str(len(row["axe"])),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    print(table)
    options.report.parent.mkdir(parents=True, exist_ok=True)
    options.report.write_text(
        f"Lighthouse 12.2.3 median of {options.runs} runs per preset; targets: "
        f"{TARGET_SCORE} everywhere, 0 Nu errors, 0 axe violations.\n\n{table}\n"
    )
    if problems:
        print("\nBelow target:\n" + "\n".join(f"- {problem}" for problem in problems))
        return 1
    print("\nAll pages meet the targets.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
