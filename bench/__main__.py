"""`python -m bench [--quick] [--only CASE ...]`: measure the bot against its floors.

Writes bench/results/latest.md and latest.json. See bench/README.md.
"""

import argparse
import asyncio
import logging
import os
import sys
import tempfile
import traceback
from pathlib import Path

from bench import http_cases
from bench.context import Run
from bench.load import Loader, have_wrk
from bench.pg import DEFAULT_ADMIN, fresh_database, reachable
from bench.report import write

CASES = ("http", "submission", "delivery", "timers", "data")
OUT = Path(__file__).resolve().parent / "results"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a ~2-minute subset")
    parser.add_argument("--only", nargs="+", choices=CASES, help="run only these cases")
    parser.add_argument("--out", type=Path, default=OUT, help="where latest.md/json go")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_ADMIN),
                        help="an admin URL of a PostgreSQL server to make a fresh database on")
    options = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    cases = options.only or CASES
    with tempfile.TemporaryDirectory(prefix="safeguard-bench-") as folder:
        use_wrk = have_wrk()
        run = Run(Path(folder), Loader(Path(folder), use_wrk), options.quick, options.postgres)
        os.environ["SAFEGUARD_KEYS"] = run.keys
        if not use_wrk:
            run.notes.append("wrk was not available: loads came from a separate-process "
                             "aiohttp client, which costs more CPU than wrk.")
        problem = asyncio.run(reachable(options.postgres))
        if problem:
            run.postgres_admin = None
            run.notes.append(f"PostgreSQL cases skipped: {problem}")
        try:
            run.start_fakes()
            for case in cases:
                print(f"[{run.elapsed():5.0f}s] {case} ...", file=sys.stderr, flush=True)
                try:
                    CASE_RUNNERS[case](run)
                except Exception as error:
                    traceback.print_exc()
                    run.notes.append(f"{case} failed: {type(error).__name__}: {error}")
        finally:
            run.stop()
        path = write(run, options.out)
    print(path.read_text())
    return 0


def run_http(run: Run) -> None:
    http_cases.slack_and_teams(run, http_cases.floors(run))


def run_submission(run: Run) -> None:
    http_cases.submission(run, "sqlite", run.sqlite_url("submit"), run.sqlite_url("floor"))
    if run.postgres_admin is None or run.quick:
        if run.quick:
            run.notes.append("--quick: the PostgreSQL submission case is left out.")
        return

    async def both() -> None:
        async with fresh_database(run.postgres_admin) as ours, \
                fresh_database(run.postgres_admin) as floor:
            await asyncio.to_thread(http_cases.submission, run, "postgres", ours, floor)

    asyncio.run(both())


def run_delivery(run: Run) -> None:
    from bench import delivery_case

    delivery_case.delivery(run)


def run_timers(run: Run) -> None:
    from bench import timer_case

    timer_case.timers(run)


def run_data(run: Run) -> None:
    from bench import data_case

    data_case.data(run)


CASE_RUNNERS = {"http": run_http, "submission": run_submission, "delivery": run_delivery,
                "timers": run_timers, "data": run_data}

if __name__ == "__main__":
    sys.exit(main())
