"""The bench's one table, its targets, and the previous figures beside it.

bench/run.py collects the figures; this writes bench-results/results.md and
results.json. The previous figures come from the committed
bench-results/baseline.json (the run recorded in bench-results/baseline.md): each
row shows them beside today's, so a regression shows.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "bench-results"
BASELINE = OUT / "baseline.json"

# The targets (uncached, one connection, ms at the median).
SEARCH_P50, SEARCH_P99 = 30, 80
LISTING_P50 = 25
INDEX_P50, INDEX_BYTES = 40, 150 * 1024
OTHER_P50 = 20
FRONT_RATIO = 0.5
WORKER_MB = 200
IMPORT_NEW_MS, IMPORT_UNCHANGED_MS = 20, 1


def fmt(value, digits=1, suffix=""):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{suffix}"


def ratio(part, whole) -> str:
    if not part or not whole:
        return "–"
    return f"{part['rps'] / whole['rps']:.0%}"


def latency(run) -> str:
    if not run:
        return "–"
    return f"{fmt(run['p50_ms'])} / {fmt(run['p99_ms'])}"


def baseline() -> dict:
    try:
        return json.loads(BASELINE.read_text())
    except (OSError, ValueError):
        return {}


def previous(before: dict, key: str) -> str:
    """Yesterday's uncached req/s at 16, cached req/s, queries and bytes of a row."""
    pages = before.get("pages", {})
    # An early baseline searched for one name (q=neuroblastoma) only, as "search".
    row = pages.get(key) or (
        pages.get("search") if key == "search:q=neuroblastoma" else None
    )
    if not row:
        return "–"
    uncached = row.get("uncached", {})
    cached = row.get("cached") or {}
    one = row.get("uncached1")  # baselines from before one-connection runs lack it
    return (
        (f"{latency(one)} @1 · " if one else "")
        + f"{fmt(uncached.get('rps'), 0)} / {fmt(cached.get('rps'), 0)} @16 · "
        f"{row['queries']['queries_uncached']} q · {row['queries']['bytes']:,} B"
    )


def targets(data: dict) -> list[tuple[str, bool, str]]:
    rows = data["pages"]
    found = []

    def p50(key):
        return rows[key]["uncached1"]["p50_ms"] or float("inf")

    searches = [key for key in rows if key.startswith("search")]
    worst = max(searches, key=lambda k: rows[k]["uncached1"]["p99_ms"] or 0)
    slowest = max(searches, key=p50)
    found.append(
        (
            f"search p50 ≤ {SEARCH_P50} ms and p99 ≤ {SEARCH_P99} ms, one connection",
            p50(slowest) <= SEARCH_P50
            and (rows[worst]["uncached1"]["p99_ms"] or 1e9) <= SEARCH_P99,
            f"slowest p50 {rows[slowest]['label']} {fmt(p50(slowest))} ms, worst p99 "
            f"{rows[worst]['label']} {fmt(rows[worst]['uncached1']['p99_ms'])} ms",
        )
    )
    for key in ("trial_listing", "trial_listing_filtered"):
        found.append(
            (
                f"{rows[key]['label']}: uncached p50 ≤ {LISTING_P50} ms",
                p50(key) <= LISTING_P50,
                f"{fmt(p50(key))} ms",
            )
        )
    index = rows["condition_index"]
    found.append(
        (
            f"condition index ≤ {INDEX_BYTES // 1024} KB and uncached p50 ≤ "
            f"{INDEX_P50} ms",
            index["queries"]["bytes"] <= INDEX_BYTES and p50("condition_index") <= 40,
            f"{index['queries']['bytes'] / 1024:.0f} KB, {fmt(p50('condition_index'))} ms",
        )
    )
    others = [
        key
        for key in rows
        if not key.startswith(("search", "trial_listing", "condition_index"))
    ]
    slow = [f"{rows[k]['label']} {fmt(p50(k))} ms" for k in others if p50(k) > 20]
    found.append(
        (
            f"every other page type: uncached p50 ≤ {OTHER_P50} ms",
            not slow,
            ", ".join(slow) or "all within",
        )
    )
    front = [
        (rows[k]["front"]["rps"] / rows[k]["front_static"]["rps"], rows[k]["label"])
        for k in rows
        if rows[k].get("front") and rows[k].get("front_static")
    ]
    if front:
        lowest, label = min(front)
        found.append(
            (
                "through nginx ≥ half nginx's static-file rate",
                lowest >= FRONT_RATIO,
                f"lowest: {label} at {lowest:.0%}",
            )
        )
    peak = max([*data["rss_start"].values(), *data["rss_end"].values()], default=0)
    found.append(
        (
            f"a worker under {WORKER_MB} MB through the load test",
            peak < WORKER_MB,
            f"largest {peak:.0f} MB",
        )
    )
    imported = data.get("import")
    if imported:
        found.append(
            (
                f"import: a new record ≤ {IMPORT_NEW_MS} ms, an unchanged one ≤ "
                f"{IMPORT_UNCHANGED_MS} ms",
                imported["new_ms_each"] <= IMPORT_NEW_MS
                and imported["unchanged_ms_each"] <= IMPORT_UNCHANGED_MS,
                f"{imported['new_ms_each']:.1f} ms new, "
                f"{imported['unchanged_ms_each']:.1f} ms unchanged",
            )
        )
    return found


def write(data: dict, settings: dict) -> str:
    before = baseline()
    lines = [
        "# Benchmark results",
        "",
        f"Run {data['started']} ({settings['mode']}: {data['scale']}). Machine: "
        f"{os.cpu_count()} cores, shared; load average at start "
        f"{data['loadavg_start']}, at end {data['loadavg_end']} (other work on the "
        "machine lowers every number below).",
        f"Server: gunicorn, {settings['workers']} workers × {settings['threads']} "
        f"threads, production settings, {data['database']}, cache: {data['cache']}; "
        f"nginx: {data['front']}. Load generator: {data['generator']}, "
        f"{settings['duration']} s per measurement, from a second process.",
        "",
        "Uncached: a session cookie bypasses every cache, so each request renders. "
        "Cached: anonymous, from the app's page cache. @1: one connection, latency "
        "p50 / p99 in ms; @16: sixteen connections, requests per second. Static: a "
        "hashed CSS file, measured right after the page, from gunicorn (WhiteNoise) "
        "and from nginx. nginx rows: anonymous HTTPS requests through the micro-cache. "
        f"Previous: the baseline run of {before.get('started', '–')} "
        "(bench-results/baseline.md): uncached p50 / p99 @1, uncached / cached req/s "
        "@16, queries, bytes.",
        "",
        "| page | queries | bytes (gzip) | uncached @1 | cached @1 | uncached @16 "
        "| cached @16 | ÷ static | nginx @16 | ÷ nginx static | previous |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for key, row in data["pages"].items():
        q = row["queries"]
        lines.append(
            f"| {row['label']} | {q['queries_uncached']} / {q['queries_cached']} "
            f"| {q['bytes']:,} ({q['bytes_gzip']:,}) | {latency(row['uncached1'])} "
            f"| {latency(row.get('cached1'))} | {fmt(row['uncached']['rps'], 0)} "
            f"| {fmt(row.get('cached', {}).get('rps'), 0)} "
            f"| {ratio(row.get('cached'), row.get('static'))} "
            f"| {fmt(row.get('front', {}).get('rps'), 0)} "
            f"| {ratio(row.get('front'), row.get('front_static'))} "
            f"| {previous(before, key)} |"
        )
    static, front_static = data["static"], data.get("front_static_median")
    lines += [
        f"| Static file, gunicorn (median) | – | {data['static_bytes']:,} | – | "
        f"{latency(static)} | – | {fmt(static['rps'], 0)} | – | "
        f"{fmt(front_static and front_static['rps'], 0)} | – | – |",
        "",
    ]
    imported = data.get("import")
    if imported:
        lines += [
            f"Import ({imported['count']:,} registry records, {imported['database']}, "
            "bench/import_bench.py): new "
            f"{imported['new_seconds']:.1f} s ({imported['new_ms_each']:.1f} ms each), "
            f"unchanged {imported['unchanged_seconds']:.1f} s "
            f"({imported['unchanged_ms_each']:.2f} ms each).",
            "",
        ]
    load = data["load"]
    lines += [
        f"Load test: {settings['load_duration']} s at {settings['load_connections']} "
        f"connections over {load['paths']} URLs (one in ten uncached): "
        f"{load['requests']:,} requests, {fmt(load['rps'], 0)} req/s, p50 "
        f"{fmt(load['p50_ms'])} ms, p99 {fmt(load['p99_ms'])} ms, "
        f"{load['errors']} errors.",
        "",
        "Worker memory (VmRSS, MB) after warm-up → after the load test: "
        + ", ".join(
            f"{start:.0f} → {fmt(data['rss_end'].get(pid), 0)}"
            for pid, start in data["rss_start"].items()
        )
        + ".",
        "",
        "## Targets",
        "",
    ]
    for name, ok, detail in data["targets"]:
        lines.append(f"- {'PASS' if ok else 'FAIL'}: {name} ({detail})")
    lines.append("")
    report = "\n".join(lines)
    (OUT / "results.md").write_text(report)
    (OUT / "results.json").write_text(json.dumps(data, indent=2, default=str))
    return report
