"""Run every benchmark in bench/ (`make bench`), each bounded in time, and print their output.

    python bench/run.py [--only delivery] [--timeout 1200]

Not part of `make test`: the figures depend on the machine. Each benchmark is a script
`bench/<topic>.py` that runs on its own with `python bench/<topic>.py`.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Per benchmark, at most this many seconds; the delivery benchmark loads 100k articles once.
TIMEOUTS = {"delivery": 1800}


def benchmarks(only):
    for path in sorted(HERE.glob("*.py")):
        # soak.py is `make soak`: minutes of load with targets of its own, not a ratio.
        if path.name in ("run.py", "soak.py") or path.name.startswith("_"):
            continue
        if only and path.stem not in only:
            continue
        yield path


def stop(process):
    """Let the benchmark stop its servers (SIGTERM), then end its whole process group."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="run only this benchmark (by name)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per benchmark")
    options = parser.parse_args()
    failed = []
    for path in benchmarks(options.only):
        limit = TIMEOUTS.get(path.stem, options.timeout)
        print(f"\n=== bench/{path.name} (at most {limit} s) ===", flush=True)
        started = time.monotonic()
        process = subprocess.Popen([sys.executable, str(path)], start_new_session=True)
        try:
            ok = process.wait(timeout=limit) == 0
        except subprocess.TimeoutExpired:
            print(f"bench/{path.name} stopped after {limit} s", flush=True)
            stop(process)
            ok = False
        print(
            f"=== bench/{path.name}: {'done' if ok else 'FAILED'} in "
            f"{time.monotonic() - started:.0f} s ===",
            flush=True,
        )
        if not ok:
            failed.append(path.name)
    if failed:
        print("Failed: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
