"""Peak memory of processing a large blob: read whole, as a bytes or InputStream binding hands
it over, against read in chunks from a StorageStreamDownloader, as DigestUpload does.

It starts Azurite (tests/app_environment.py) and, for each of SIZES_MIB, uploads a blob of
random data, then runs each way RUNS times, alternating, each in a fresh Python process that
reports its peak resident memory (resource.getrusage ru_maxrss) before and after. Both ways
compute the blob's SHA-256, so both do the same work on the same bytes. It prints the medians
and writes them to benchmarks/results.md.

Run from the sample folder: nox -s "benchmark(blob_sdk_types)", or python benchmarks/run.py.
Options: --sizes-mib 64,512 (the default), --runs N (default 3).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import uuid
from datetime import date
from importlib.metadata import version
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(SAMPLE), str(SAMPLE / "tests")]

from azure.storage.blob import BlobBlock, BlobServiceClient  # noqa: E402

SIZES_MIB = (64, 512)
RUNS = 3
BLOCK = 4 * 1024 * 1024
MEASURE_TIMEOUT_SECONDS = 300
RESULTS = SAMPLE / "benchmarks" / "results.md"
COMMAND = 'nox -s "benchmark(blob_sdk_types)"'
WAYS = {
    "whole": "read whole (readall(), as a bytes/InputStream binding gets it)",
    "chunks": "StorageStreamDownloader.chunks(), as DigestUpload does",
}


def peak_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(way: str, container: str, blob: str) -> None:
    """In a fresh process: build the client, then process the blob one way; print the peaks."""
    import function_app

    # The setting's name is the app's connection name, as the extension reads it.
    setting = os.environ["AzureWebJobsStorage"]  # noqa: SIM112
    client = BlobServiceClient.from_connection_string(setting)
    blob_client = client.get_blob_client(container, blob)
    digests = client.get_container_client(container)
    before = peak_mib()
    started = time.perf_counter()
    if way == "whole":
        content = blob_client.download_blob().readall()
        sha256 = hashlib.sha256(content).hexdigest()
    else:
        function_app.digest_upload(blob_client.download_blob(), digests)
        sha256 = json.loads(digests.download_blob(f"{blob}.json").readall())["sha256"]
    seconds = time.perf_counter() - started
    print(json.dumps({"before": before, "peak": peak_mib(), "seconds": seconds, "sha256": sha256}))


def upload(client: BlobServiceClient, container: str, blob: str, size_mib: int) -> str:
    """Upload size_mib of random data in 4 MiB blocks; return its SHA-256."""
    client.create_container(container)
    blob_client = client.get_blob_client(container, blob)
    sha256 = hashlib.sha256()
    blocks = []
    for number in range(size_mib * 1024 * 1024 // BLOCK):
        data = os.urandom(BLOCK)
        sha256.update(data)
        block_id = f"{number:08d}"
        blob_client.stage_block(block_id, data)
        blocks.append(BlobBlock(block_id=block_id))
    blob_client.commit_block_list(blocks)
    return sha256.hexdigest()


def run_once(way: str, container: str, blob: str, settings: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--measure", way, "--container", container, "--blob", blob],
        env={**os.environ, **settings},
        capture_output=True,
        text=True,
        timeout=MEASURE_TIMEOUT_SECONDS,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes-mib",
        type=lambda text: tuple(int(size) for size in text.split(",")),
        default=SIZES_MIB,
    )
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--measure", choices=sorted(WAYS), help=argparse.SUPPRESS)
    parser.add_argument("--container", help=argparse.SUPPRESS)
    parser.add_argument("--blob", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.container, args.blob)
        return 0

    from app_environment import app_environment

    load = os.getloadavg()[0]
    runs: dict[tuple[str, int], list[dict]] = {}
    with app_environment() as settings:
        client = BlobServiceClient.from_connection_string(settings["AzureWebJobsStorage"])
        for size_mib in args.sizes_mib:
            container, blob = f"bench-{uuid.uuid4().hex[:8]}", f"random-{size_mib}-mib.bin"
            print(f"Uploading {size_mib} MiB to Azurite...", flush=True)
            expected = upload(client, container, blob, size_mib)
            for number in range(args.runs):
                for way in WAYS:
                    result = run_once(way, container, blob, settings)
                    if result["sha256"] != expected:
                        sys.exit(f"{way}: wrong SHA-256 {result['sha256']}, expected {expected}")
                    runs.setdefault((way, size_mib), []).append(result)
                    print(
                        f"{size_mib} MiB run {number + 1} {way:6}: peak {result['peak']:7.1f} MiB "
                        f"(before the read {result['before']:.1f}), {result['seconds']:.1f} s",
                        flush=True,
                    )
            client.delete_container(container)
    report = render(runs, args.runs, load)
    print()
    print(report, end="")
    RESULTS.write_text(report, encoding="utf-8")
    return 0


def render(runs: dict[tuple[str, int], list[dict]], count: int, load: float) -> str:
    rows = [("way", "blob", "peak RSS", "growth", "time")]
    for (way, size_mib), results in runs.items():
        peak = statistics.median(r["peak"] for r in results)
        growth = statistics.median(r["peak"] - r["before"] for r in results)
        seconds = statistics.median(r["seconds"] for r in results)
        rows.append(
            (
                WAYS[way],
                f"{size_mib} MiB",
                f"{peak:.0f} MiB",
                f"{growth:.0f} MiB",
                f"{seconds:.1f} s",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    table = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    lines = [
        f"Processing a blob from Azurite (SHA-256 of all of it): medians of {count} runs,",
        "a fresh process per run; growth = peak RSS minus the peak before the read began",
        "",
        *table,
        "",
        f"Python {platform.python_version()} on {platform.system()}, {os.cpu_count()} CPUs "
        f"(load average {load:.1f} at the start); azure-storage-blob "
        f"{version('azure-storage-blob')},",
        f"azurefunctions-extensions-bindings-blob "
        f"{version('azurefunctions-extensions-bindings-blob')}, Azurite 3.35.0 on 127.0.0.1",
        f"Recorded {date.today().isoformat()}. Rerun: {COMMAND}",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
