"""bench/results/latest.md and latest.json: ratios first, then absolute numbers."""

import json
import platform
from pathlib import Path
from typing import Any

from bench.context import Run
from bench.tools import CORES

TITLES = {
    "floors": "Floors (what the stack can do with no work)",
    "slack_report": "Slack /report (signed slash command → modal opened at the fake Web API)",
    "submission_sqlite": "Slack submission on SQLite (view_submission → report committed)",
    "submission_postgres": "Slack submission on PostgreSQL",
    "teams": "Teams message turn, and Slack under Teams load",
    "delivery": "Alert delivery (submission → alert at the fake Slack API, 100/s)",
    "timers": "Timers (due → fired)",
    "data": "Scale of data (1,000,000 reports)",
    "memory": "Memory (RSS of `safeguard-bot serve`)",
}


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{CORES} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def _num(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _table(rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return []
    preferred = ["case", "ratio", "floor", "connections", "rps", "p50_ms", "p99_ms", "max_ms",
                 "errors", "requests"]
    keys = [k for k in preferred if any(k in r for r in rows)]
    keys += [k for r in rows for k in r if k not in keys and k not in ("tool", "seconds")]
    keys = list(dict.fromkeys(keys))
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for r in rows:
        cells = []
        for k in keys:
            value = r.get(k, "")
            if k == "ratio" and isinstance(value, float):
                value = f"{value:.2f}x" if value >= 2 else f"{value:.0%}"
            cells.append(_num(value))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def write(run: Run, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    targets = [t for case in run.results.values() for t in case.get("targets", [])]
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}. Load: {run.loader.tool}. Mode: "
        f"{'quick' if run.quick else 'full'}; {run.elapsed():.0f} s in all.",
        "The server under test runs alone on core 0; load generators and fakes share the "
        "other core(s). Ratios compare with a floor measured in the same run.",
        "",
        "## Targets",
        "",
        "| target | measured | goal | met |",
        "|---|---|---|---|",
    ]
    lines += [f"| {t['target']} | {t['value']} | {t['goal']} | {'yes' if t['met'] else 'NO'} |"
              for t in targets]
    for key, title in TITLES.items():
        if key not in run.results:
            continue
        lines += ["", f"## {title}", "", *_table(run.results[key].get("rows", []))]
    if run.notes:
        lines += ["", "## Notes", "", *[f"- {note}" for note in run.notes]]
    (out / "latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = {"machine": machine(), "load_tool": run.loader.tool, "quick": run.quick,
                "seconds": round(run.elapsed(), 1), "results": run.results, "notes": run.notes}
    (out / "latest.json").write_text(json.dumps(document, indent=1, default=str) + "\n",
                                     encoding="utf-8")
    return out / "latest.md"
