"""Benchmark the backbone: strict site build time, and test-samples wall time cold and warm.

Run it through nox, which installs the docs requirements and nox itself:

    nox -s benchmark-backbone
    nox -s benchmark-backbone -- --build-rounds 5 --test-rounds 3

"Cold" runs test-samples with an empty uv cache, so every package is downloaded;
"warm" runs it again with the cache the cold run filled. nox recreates every session's
virtual environment in both. Figures are printed and written to benchmarks/backbone.json,
and as a table to benchmarks/backbone.md (the README links it; no one types the figures).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "backbone.json"
TABLE = ROOT / "benchmarks" / "backbone.md"


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def site_build_seconds(rounds: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as site:
        for _ in range(rounds):
            times.append(timed(["mkdocs", "build", "--strict", "--quiet", "--site-dir", site]))
            print(f"  strict build: {times[-1]:.2f} s", flush=True)
    return times


def test_samples_seconds(rounds: int) -> tuple[list[float], list[float]]:
    cold, warm = [], []
    command = [sys.executable, "-m", "nox", "-s", "test-samples"]
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as envdir:
            env = {**os.environ, "UV_CACHE_DIR": cache}
            cold.append(timed([*command, "--envdir", envdir], env))
            print(f"  test-samples cold: {cold[-1]:.1f} s", flush=True)
            warm.append(timed([*command, "--envdir", envdir], env))
            print(f"  test-samples warm: {warm[-1]:.1f} s", flush=True)
    return cold, warm


def markdown_table(results: dict) -> str:
    rows = [
        ("`mkdocs build --strict`", results["site_build_strict_s"], "s"),
        ("`nox -s test-samples`, cold", results["test_samples_cold_s"], "s"),
        ("`nox -s test-samples`, warm", results["test_samples_warm_s"], "s"),
    ]
    lines = [
        f"Backbone medians of {results['date']}, {results['machine']}, "
        f"{results['test_samples_sessions']} test-samples sessions "
        "(written by `nox -s benchmark-backbone`):",
        "",
        "| What | Median | Runs |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| {what} | {fig['median']} {unit} | {len(fig['runs'])} |" for what, fig, unit in rows
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-rounds", type=int, default=5)
    parser.add_argument("--test-rounds", type=int, default=3)
    args = parser.parse_args()

    sessions = subprocess.run(
        [sys.executable, "-m", "nox", "-l", "-s", "test-samples", "--json"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    session_count = len(json.loads(sessions.stdout))

    print(f"Strict site build, {args.build_rounds} rounds:")
    build = site_build_seconds(args.build_rounds)
    print(f"test-samples ({session_count} sessions), {args.test_rounds} rounds:")
    cold, warm = test_samples_seconds(args.test_rounds)

    results = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}",
        "test_samples_sessions": session_count,
        "site_build_strict_s": {"median": round(statistics.median(build), 2), "runs": build},
        "test_samples_cold_s": {"median": round(statistics.median(cold), 1), "runs": cold},
        "test_samples_warm_s": {"median": round(statistics.median(warm), 1), "runs": warm},
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    TABLE.write_text(markdown_table(results), encoding="utf-8")
    medians = {key: value["median"] for key, value in results.items() if isinstance(value, dict)}
    print(f"\nmedians ({session_count} test-samples sessions): {medians}")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
