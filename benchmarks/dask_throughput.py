"""newsx on Dask against newsx's own worker processes, and the client's memory.

    python benchmarks/dask_throughput.py ../shared/data/bbc/articles.jsonl --limit 600 --rounds 2
    python benchmarks/dask_throughput.py ../shared/data/bbc/articles.jsonl --memory 300,1200,4800

Speed: `newsx extract --jobs 2` and `newsx extract --scheduler local:2` (a LocalCluster of 2
worker processes that newsx starts and closes), each its own process over the same articles,
start-up and model loading included, alternating over --rounds; median words/s.
Memory: a client process runs `newsx.api.extract` on a LocalCluster over N articles, with
records streamed back (and thrown away) and with --output-dir parts, and reports its own peak
RSS (the workers are other processes): it should not grow with N.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from throughput import timed, write_corpus

CLIENT = """
import resource, sys
from distributed import Client, LocalCluster
from newsx import api
corpus, out = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                  silence_logs=40) as lc, Client(lc) as client:
    options = api.ExtractOptions(scheduler=client.scheduler.address, output_dir=out)
    if out:
        n = api.extract_into([corpus], options, warn=lambda m: None).records
    else:
        n = sum(1 for _ in api.extract([corpus], options, warn=lambda m: None))
print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def client_memory(corpus: Path, out: Path | None) -> int:
    cmd = [sys.executable, "-c", CLIENT, str(corpus), *([str(out)] if out else [])]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corpus", type=Path, help="JSON Lines articles with a text field")
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--memory", help="comma-separated article counts for the memory runs")
    args = ap.parse_args()
    newsx = [sys.executable, "-m", "newsx", "extract", "-q", "-f", "jsonl"]
    with tempfile.TemporaryDirectory() as tmp:
        if args.memory:
            print(f"{'articles':>8} {'client peak RSS, stdout':>24} {'client peak RSS, parts':>23}")
            for n in map(int, args.memory.split(",")):
                corpus = Path(tmp) / f"m{n}.jsonl"
                write_corpus(args.corpus, corpus, n)
                streamed = client_memory(corpus, None)
                parts = client_memory(corpus, Path(tmp) / f"parts{n}")
                print(f"{n:>8} {streamed:>21} MB {parts:>20} MB", flush=True)
            return
        corpus = Path(tmp) / "corpus.jsonl"
        words = write_corpus(args.corpus, corpus, args.limit)
        variants = {"newsx-j2": [*newsx, "-j", "2", str(corpus)],
                    "newsx-dask-local2": [*newsx, "--scheduler", "local:2", str(corpus)]}
        times: dict[str, list[float]] = {k: [] for k in variants}
        for _ in range(args.rounds):
            for name, cmd in variants.items():
                times[name].append(timed(cmd)[0])
        print(f"{args.limit} articles, {words:,} words")
        med = {k: statistics.median(v) for k, v in times.items()}
        for name, secs in med.items():
            print(f"{name:<20} {secs:7.2f}s {words / secs:10,.0f} words/s")
        ratio = med["newsx-j2"] / med["newsx-dask-local2"]
        print(f"dask local:2 vs --jobs 2: {ratio:.2f}x the words/s")
        print(json.dumps({"words": words, **{k: round(v, 2) for k, v in med.items()}}))


if __name__ == "__main__":
    main()
