"""Lighthouse (npm lighthouse@12.2.3, bench/lighthouse/) on the home, the directory and an
actor page, mobile preset (the CLI's default: emulated phone, simulated slow 4G, 4x CPU
slowdown), 3 runs per page, median of each figure. Goal: performance 95 or more,
accessibility 100.

Two sites: the fictional data of demo/ (41 actors) and 3,000 generated actors (the
directory page is the hard case there). Each is served on 127.0.0.1 twice: by
`python -m http.server`, which does not compress, and by the same server answering gzip
to text files, as GitHub Pages and most hosts do (the simulated slow 4G makes the
difference count). Debian's Chromium (/usr/bin/chromium). Writes bench/out/lighthouse.json
and .md, and every report under bench/out/lighthouse/ for the audits' details.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from common import BIN, ENV, OUT, ROOT, STAMP, report, served, table, timed
from generate import generate

N, PORT, RUNS = 3000, 8792, 3
GOALS = {"performance": 95, "accessibility": 100}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
TOOL = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")


class Gzipped(http.server.SimpleHTTPRequestHandler):
    """`python -m http.server`, with gzip for text files when the browser accepts it."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and os.path.isfile(path) and path.endswith(TEXT)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def served_gzip(site: Path, port: int):
    handler = functools.partial(Gzipped, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


SERVERS = {"http.server": served, "gzip": served_gzip}  # label: context manager


def install() -> None:
    """The exact Lighthouse of bench/lighthouse/package-lock.json, when it is missing."""
    if not LIGHTHOUSE.exists():
        npm = ["npm", "ci", "--prefix", str(TOOL), "--no-audit", "--no-fund", "--loglevel=error"]
        subprocess.run(npm, check=True)


def build(site: Path, data: Path) -> None:
    command = [str(BIN / "mkdocs"), "build", "-q", "-d", str(site)]
    timed(command, timeout=1200, env={**ENV, "BRIVE_DONNEES": str(data)})


def lighthouse(url: str, path: Path) -> dict:
    """One Lighthouse run of `url`, its JSON report kept at `path`. A gatherer that exceeds
    Lighthouse's fixed 30 s protocol timeout (axe on a page of 30,000 elements) leaves its
    categories without a score: the other categories are kept."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={path}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox",
        "--quiet",
    ]
    path.unlink(missing_ok=True)
    env = {**os.environ, "CHROME_PATH": CHROME}
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    if not path.exists():
        raise SystemExit(f"échec de Lighthouse sur {url} :\n{(done.stdout + done.stderr)[-3000:]}")
    result = json.loads(path.read_text(encoding="utf-8"))
    error = result.get("runtimeError") or {}
    if error and (error.get("code") != "PROTOCOL_TIMEOUT" or not score(result, "performance")):
        raise SystemExit(f"Lighthouse a échoué sur {url} : {error}")
    if error:
        missing = [name for name in CATEGORIES if score(result, name) is None]
        print(f"  {url} : délai dépassé, sans note pour {', '.join(missing)}", flush=True)
    return result


def score(result: dict, category: str) -> int | None:
    value = result["categories"][category]["score"]
    return None if value is None else round(value * 100)


def median_of(values: list) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def gzip_kb(site: Path, requests: list[dict]) -> float:
    """Weight of the page's local requests gzipped (level 9, as bench/poids.py)."""
    total = 0
    for request in requests:
        parts = urlsplit(request["url"])
        if parts.hostname != "127.0.0.1":
            continue
        path = site / parts.path.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            total += len(gzip.compress(path.read_bytes(), 9))
    return total / 1024


def figures(result: dict, site: Path) -> dict:
    audits = result["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        **{name: score(result, name) for name in CATEGORIES},
        **{name: audits[name]["numericValue"] for name in METRICS},
        "total-byte-weight": audits["total-byte-weight"]["numericValue"],
        "gzip-kb": gzip_kb(site, requests),
        "requests": len(requests),
        "benchmark-index": result["environment"]["benchmarkIndex"],
    }


def failures(result: dict) -> list[tuple[str, str, list[str]]]:
    """The audits that cost points: failed audits of every category, performance
    opportunities and diagnostics (not the metrics themselves), each as (category and id,
    Lighthouse's summary, its first elements or resources)."""
    found = []
    audits = result["audits"]
    for name, category in result["categories"].items():
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            score, mode = audit.get("score"), audit.get("scoreDisplayMode")
            if mode in ("notApplicable", "manual", "informative") or score is None or score >= 1:
                continue
            if ref.get("group") in ("metrics", "hidden"):
                continue
            where = []
            for item in (audit.get("details") or {}).get("items", [])[:4]:
                node = item.get("node") or {}
                where.append(node.get("selector") or node.get("snippet") or item.get("url") or "")
            found.append((f"{name} `{ref['id']}`", audit.get("displayValue", ""), where))
    return found


def summary(notes: dict) -> str:
    """One line per failed audit, with the pages where it failed and its first evidence."""
    lines = []
    for audit, (text, where, pages) in notes.items():
        lines.append(f"- {audit} : {text} ; {', '.join(pages)}")
        lines += [f"    - {w[:160]}" for w in where if w]
    return "\n".join(lines) or "aucun"


def row(label: str, server: str, path: str, median: dict, met: bool | None) -> list[str]:
    def comma(value: float, digits: int) -> str:
        return f"{value:.{digits}f}".replace(".", ",")

    return [
        label,
        server,
        f"`/{path}`",
        *("délai" if median[c] is None else f"{median[c]:.0f}" for c in CATEGORIES),
        comma(median["largest-contentful-paint"] / 1000, 1) + " s",
        f"{median['total-blocking-time']:.0f} ms",
        comma(median["cumulative-layout-shift"], 3),
        f"{median['total-byte-weight'] / 1024:.0f}",
        f"{median['gzip-kb']:.0f}",
        {True: "oui", False: "NON", None: "?"}[met],
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description="Lighthouse sur l'accueil, l'annuaire, une fiche.")
    parser.add_argument("--demo", action="store_true", help="le site de démo seulement")
    only_demo = parser.parse_args().demo
    output = "lighthouse-demo" if only_demo else "lighthouse"
    install()
    load_before = os.getloadavg()
    results: dict = {"stamp": STAMP.strip(), "runs": RUNS, "pages": {}}
    rows, notes = [], {}
    reports = OUT / output
    shutil.rmtree(reports, ignore_errors=True)
    reports.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="brive-lighthouse-") as tmp:
        generated = Path(tmp) / "donnees"
        sites = {"démo (41 fiches)": ("demo", ROOT / "demo")}
        if not only_demo:
            generate(generated, N)
            sites[f"{N} fiches"] = ("n", generated)
        for label, (key, data) in sites.items():
            site = Path(tmp) / f"site-{key}"
            build(site, data)
            actors = sorted(p.name for p in (site / "annuaire").iterdir() if p.is_dir())
            actor = next(a for a in actors if not a.startswith("test-"))
            pages = {"accueil": "", "annuaire": "annuaire/", "fiche": f"annuaire/{actor}/"}
            for server, serve in SERVERS.items():
                with serve(site, PORT) as base:
                    for page, path in pages.items():
                        name = f"{key}-{server.replace('.', '')}-{page}"
                        runs, loads = [], []
                        for run in range(RUNS):
                            runs.append(lighthouse(base + path, reports / f"{name}-{run + 1}.json"))
                            loads.append(os.getloadavg()[0])
                            print(f"{label}, {server}, /{path} essai {run + 1} : fait", flush=True)
                        values = [figures(r, site) for r in runs]
                        median = {k: median_of([v[k] for v in values]) for k in values[0]}
                        results["pages"][name] = {
                            "site": label,
                            "server": server,
                            "url": "/" + path,
                            "median": median,
                            "runs": values,
                            "load-1min": loads,
                        }
                        for audit, text, where in failures(runs[0]):
                            pages_seen = notes.setdefault(audit, (text, where, []))[2]
                            pages_seen.append(f"{key}/{server}/{page}")
                        goals = [
                            median[c] >= goal for c, goal in GOALS.items() if median[c] is not None
                        ]
                        met = all(goals) if len(goals) == len(GOALS) or not all(goals) else None
                        rows.append(row(label, server, path, median, met))
    load_after = os.getloadavg()
    load = (
        f"Charge de la machine (moyenne sur 1, 5, 15 min) : {', '.join(f'{x:.2f}' for x in load_before)}"
        f" au début, {', '.join(f'{x:.2f}' for x in load_after)} à la fin.\n"
    )
    speeds = [run["benchmark-index"] for page in results["pages"].values() for run in page["runs"]]
    load += (
        f"Indice de vitesse du processeur mesuré par Lighthouse (benchmarkIndex) : de"
        f" {min(speeds):.0f} à {max(speeds):.0f}, médiane {statistics.median(speeds):.0f}.\n"
    )
    results["load"] = {"before": load_before, "after": load_after, "date": time.strftime("%F %T")}
    (OUT / f"{output}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    header = [
        "site",
        "serveur",
        "page",
        "perf.",
        "access.",
        "bonnes pr.",
        "SEO",
        "LCP",
        "TBT",
        "CLS",
    ]
    header += ["ko transférés", "ko gzip", "objectif"]
    text = (
        f"Lighthouse 12.2.3, profil mobile, médiane de {RUNS} essais, site servi sans"
        " compression (`python -m http.server`) puis avec gzip ; ko transférés : selon"
        " Lighthouse (total-byte-weight) ; ko gzip : les fichiers de la page compressés.\n\n"
        + table(header, rows)
        + "\n"
        + load
    )
    text += "\nAudits sous le maximum (premier essai de chaque page) :\n\n" + summary(notes) + "\n"
    report(output, text)


if __name__ == "__main__":
    main()
