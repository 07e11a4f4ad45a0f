"""Peak memory and throughput of the streamed functions next to buffered ones, at 1 GiB.

For each of download and upload, and for each of function_app.py (streamed) and
benchmarks/buffered_app.py (buffered), this starts a fresh server process on 127.0.0.1
(tests/local_host.py), sends one warm-up request, notes the server's idle RSS, then moves
1 GiB through it while sampling its RSS every few milliseconds. It prints the figures,
writes them to benchmarks/results.md, and exits 1 if a streamed transfer grew the server
by more than 64 MiB.

Run from the sample folder:  nox -s "benchmark(streaming)"   (or python benchmarks/run.py)
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import httpx
import psutil

SAMPLE = Path(__file__).resolve().parent.parent
RESULTS = SAMPLE / "benchmarks" / "results.md"
MiB = 1024 * 1024
GOAL_MIB = 64  # the most a streamed transfer may add to the server's idle RSS
MEMORY_GUARD_MIB = 6 * 1024  # stop a run whose server passes this, to spare a shared machine
TRANSFER_TIMEOUT_S = 300
APPS = {"streamed": "function_app", "buffered": "benchmarks.buffered_app"}
RERUN = 'nox -s "benchmark(streaming)"'


@dataclass
class Result:
    app: str
    direction: str
    size: int
    seconds: float
    idle_rss: int
    peak_rss: int

    @property
    def growth_mib(self) -> float:
        return (self.peak_rss - self.idle_rss) / MiB

    @property
    def mb_per_s(self) -> float:
        return self.size / 1e6 / self.seconds


class Server:
    """tests/local_host.py serving one module, in its own process, on a free loopback port."""

    def __init__(self, module: str):
        env = {**os.environ, "STREAM_MAX_UPLOAD_BYTES": str(4 * 1024 * MiB)}
        self.process = subprocess.Popen(
            [sys.executable, "tests/local_host.py", module, "--port", "0"],
            cwd=SAMPLE,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        first_line = self._first_line(timeout=30)
        self.base_url = first_line.rsplit(" ", 1)[-1]  # "Serving <module> on <url>"
        self.ps = psutil.Process(self.process.pid)

    def _first_line(self, timeout: float) -> str:
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(self.process.stdout.readline()))
        reader.start()
        reader.join(timeout)
        if not line or not line[0].startswith("Serving "):
            self.stop()
            raise RuntimeError(f"The server didn't start within {timeout} s.")
        return line[0].strip()

    def rss(self) -> int:
        return self.ps.memory_info().rss

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


class PeakSampler:
    """Sample a server's RSS in a thread; kill it if it passes the memory guard."""

    def __init__(self, server: Server, every_s: float = 0.005):
        self.server, self.every_s = server, every_s
        self.peak = server.rss()
        self.guard_tripped = False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._done.is_set():
            try:
                rss = self.server.rss()
            except psutil.NoSuchProcess:
                return
            self.peak = max(self.peak, rss)
            if rss > MEMORY_GUARD_MIB * MiB:
                self.guard_tripped = True
                self.server.process.kill()
                return
            self._done.wait(self.every_s)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._done.set()
        self._thread.join()


def download(http: httpx.Client, size: int) -> None:
    received = 0
    with http.stream("GET", "/payload", params={"size": size}) as response:
        response.raise_for_status()
        for chunk in response.iter_bytes():
            received += len(chunk)
    if received != size:
        raise RuntimeError(f"Downloaded {received} bytes, expected {size}.")


def upload(http: httpx.Client, size: int) -> None:
    block = os.urandom(MiB)

    def body():
        for _ in range(size // MiB):
            yield block

    headers = {"Content-Type": "application/octet-stream", "Content-Length": str(size)}
    response = http.post("/upload", content=body(), headers=headers)
    response.raise_for_status()
    if response.json()["bytes"] != size:
        raise RuntimeError(f"The server counted {response.json()['bytes']} bytes, not {size}.")


def measure(app: str, direction: str, size: int) -> Result:
    server = Server(APPS[app])
    try:
        timeout = httpx.Timeout(TRANSFER_TIMEOUT_S, connect=10.0)
        with httpx.Client(base_url=server.base_url, timeout=timeout) as http:
            transfer = download if direction == "download" else upload
            transfer(http, MiB)  # warm-up: imports and first-request set-up happen now
            time.sleep(0.5)
            idle = server.rss()
            with PeakSampler(server) as sampler:
                start = time.perf_counter()
                try:
                    transfer(http, size)
                except httpx.HTTPError:
                    if not sampler.guard_tripped:
                        raise
                seconds = time.perf_counter() - start
            if sampler.guard_tripped:
                raise RuntimeError(f"{app} {direction}: server passed {MEMORY_GUARD_MIB} MiB.")
        return Result(app, direction, size, seconds, idle, sampler.peak)
    finally:
        server.stop()


def table(results: list[Result]) -> list[str]:
    rows = [("app", "direction", "size", "MB/s", "idle RSS", "peak RSS", "peak - idle")]
    for r in results:
        rows.append(
            (
                r.app,
                r.direction,
                f"{r.size / MiB:.0f} MiB",
                f"{r.mb_per_s:.0f}",
                f"{r.idle_rss / MiB:.0f} MiB",
                f"{r.peak_rss / MiB:.0f} MiB",
                f"{r.growth_mib:.0f} MiB",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return lines


def write_results(results: list[Result], verdict: str) -> None:
    packages = ", ".join(
        f"{name} {version(name)}"
        for name in ("azurefunctions-extensions-http-fastapi", "fastapi", "uvicorn", "httpx")
    )
    lines = [
        "# streaming: memory and throughput, streamed vs buffered",
        "",
        *table(results),
        "",
        verdict,
        "",
        f"Machine: {os.cpu_count()} CPUs, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
        f"{platform.system()}; Python {platform.python_version()}; {packages}.",
        "Server and client on 127.0.0.1, one fresh server process per row, RSS sampled every 5 ms.",
        f"Rerun: {RERUN}",
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024, help="bytes to move, in MiB")
    parser.add_argument("--no-write", action="store_true", help="print only; keep results.md")
    args = parser.parse_args(argv)
    size = args.size_mib * MiB

    results = []
    for direction in ("download", "upload"):
        for app in ("streamed", "buffered"):
            result = measure(app, direction, size)
            print(
                f"{app:>8} {direction:<8} {result.mb_per_s:6.0f} MB/s, "
                f"idle {result.idle_rss / MiB:4.0f} MiB, peak {result.peak_rss / MiB:5.0f} MiB "
                f"(+{result.growth_mib:.0f} MiB)",
                flush=True,
            )
            results.append(result)

    worst = max(r.growth_mib for r in results if r.app == "streamed")
    passed = worst <= GOAL_MIB
    verdict = (
        f"Goal: a streamed transfer adds at most {GOAL_MIB} MiB to the server's idle RSS. "
        f"Largest growth: {worst:.0f} MiB, {'met' if passed else 'NOT MET'}."
    )
    print(verdict)
    if not args.no_write:
        write_results(results, verdict)
        print(f"Wrote {RESULTS.relative_to(SAMPLE)}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
