"""`make bench`: the site at scale, under load, on this machine.

Results in bench-results/results.md.

1. Migrates a throwaway database (SQLite in bench-results/work/, or BENCH_DATABASE_URL)
   and builds the scale data set (bench/build_data.py: 500 conditions, 5,000 trials,
   50 programs, 300 people; a tenth with BENCH_QUICK=1).
2. Counts SQL queries and bytes per page type in-process (bench/measure_queries.py).
3. Serves the site with gunicorn and the production settings on 127.0.0.1 (a free
   port; plain HTTP, so no HTTPS redirect), with Redis as the cache when one answers
   on 127.0.0.1:6379 (its own key prefix, removed afterwards), else local memory.
4. Drives every public page type and six kinds of search (bench/load.py: wrk from a
   second process): uncached (a session cookie, which bypasses every cache) and
   cached, latency at one connection and requests per second at 16, each cached run
   beside a static file measured right after it. Then the same pages through nginx
   with docker/nginx.conf (bench/front.py), beside nginx's own static-file rate. Then
   the load test: 60 s at 64 connections over a mix of pages, with each worker's
   memory (VmRSS) read before and after.
5. Writes one table, bench-results/results.md (and results.json; bench/report.py),
   with the import figures (bench/import_bench.py, run first by `make bench`), the
   committed baseline beside each row and the issue's targets. Errors or a blown
   query budget fail the run; timings never do (other work on the machine skews them).

Everything listens on and talks to loopback only, and every step is bounded in time.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import front
import report
from load import UNCACHED_COOKIE, drive, ensure_wrk, log, mix_script

PROJECT = Path(__file__).resolve().parent.parent
OUT = PROJECT / "bench-results"
WORK = OUT / "work"
PY = sys.executable
QUICK = os.environ.get("BENCH_QUICK") == "1"
DURATION = int(os.environ.get("BENCH_DURATION", "3" if QUICK else "6"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
LOAD_DURATION = int(os.environ.get("BENCH_LOAD_DURATION", "15" if QUICK else "60"))
LOAD_CONNECTIONS = int(os.environ.get("BENCH_LOAD_CONNECTIONS", "64"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
THREADS = os.environ.get("BENCH_THREADS", "2")
CONDITION_QUERY_BUDGET = 15
SETTINGS = {
    "mode": "quick mode" if QUICK else "full mode",
    "workers": WORKERS,
    "threads": THREADS,
    "duration": DURATION,
    "load_duration": LOAD_DURATION,
    "load_connections": LOAD_CONNECTIONS,
}
# Every kind of search (bench/build_data.py's names): a name, another name, a typo, a
# few words, a miss that falls back to fuzzy matching, and a second page.
SEARCHES = [
    ("a name", "q=neuroblastoma"),
    ("another name", "q=adrenal+alias"),
    ("a typo", "q=hepatoblastma"),
    ("several words", "q=germ+cell+tumor"),
    ("a miss (fuzzy fallback)", "q=xqzzyvmplk"),
    ("page 2", "q=sarcoma&page=2"),
]

PAGES = [
    ("home", "Home page"),
    ("standard", "Standard page"),
    ("condition_index", "Condition index (A–Z)"),
    ("condition", "Condition page"),
    ("program_index", "Program index"),
    ("program", "Program page"),
    ("trial_listing", "Trial listing"),
    ("trial_listing_filtered", "Trial listing, filtered"),
    ("trial", "Trial page"),
]


# --- environment ----------------------------------------------------------------------


def redis_url() -> str | None:
    """A Redis on loopback, if one answers (as in docker-compose), else None."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                return "redis://127.0.0.1:6379/15"
    except OSError:
        return None
    return None


def bench_env(port: int, cache_prefix: str) -> dict[str, str]:
    database_url = (
        os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{WORK / 'bench.sqlite3'}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "netsite.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback
        "MEDIA_ROOT": str(WORK / "media"),
        "STATIC_ROOT": str(WORK / "static"),
        "CACHE_KEY_PREFIX": cache_prefix,
        "PORT": str(port),
        "BIND_ADDRESS": "127.0.0.1",
        "WEB_CONCURRENCY": WORKERS,
        "GUNICORN_THREADS": THREADS,
        "GUNICORN_MAX_REQUESTS": "0",
        "PYTHONUNBUFFERED": "1",
    }
    redis = redis_url()
    if redis:
        env["REDIS_URL"] = redis
    else:
        env.pop("REDIS_URL", None)
    for name in ("MEDIA_S3_BUCKET", "AWS_STORAGE_BUCKET_NAME"):
        env.pop(name, None)
    return env


def manage(env, *args, timeout=900) -> str:
    result = subprocess.run(  # noqa: S603
        [PY, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        sys.exit(
            f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database(env) -> None:
    if "BENCH_DATABASE_URL" not in os.environ:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{WORK / 'bench.sqlite3'}{suffix}").unlink(missing_ok=True)
    else:
        recreate_postgres_database(env["DATABASE_URL"])


def recreate_postgres_database(url: str) -> None:
    """Drop and create BENCH_DATABASE_URL's database: the migrations then build the
    page tree and groups as on a new site (a flush would remove them for good)."""
    from urllib.parse import urlsplit

    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    database = sql.Identifier(parts.path.lstrip("/"))
    server = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        connect_timeout=5,
    )
    try:
        server.autocommit = True
        with server.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(database))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(database))
    finally:
        server.close()


# --- server ---------------------------------------------------------------------------


class Server:
    """gunicorn, production settings and docker/gunicorn.conf.py, on loopback."""

    def __init__(self, env):
        self.env = env
        self.port = int(env["PORT"])
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(OUT / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [
                PY,
                "-m",
                "gunicorn",
                "netsite.wsgi:application",
                "--config",
                "docker/gunicorn.conf.py",
            ],
            cwd=PROJECT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if fetch(self.base + "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        sys.exit(
            "gunicorn did not answer /healthz within 60 s; "
            "see bench-results/gunicorn.log"
        )

    def workers(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def worker_rss_mb(self) -> dict[int, float]:
        rss = {}
        for pid in self.workers():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmRSS:\s+(\d+) kB", status)
            if match:
                rss[pid] = int(match.group(1)) / 1024
        return rss

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def fetch(
    url: str, cookie: str | None = None, headers: dict | None = None
) -> tuple[int, dict[str, str], bytes]:
    headers = {**(headers or {}), **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# --- main -----------------------------------------------------------------------------

HTTPS = {"X-Forwarded-Proto": "https"}  # as the TLS load balancer says in production


def measure_row(wrk, url, static_url, cookie_free: bool) -> dict:
    """One page or search: latency at one connection (uncached, and cached unless it is
    never cached), requests per second at CONNECTIONS uncached, and cached beside the
    static file (the better of two pairs, so one burst of others' work does not
    decide it)."""
    row = {
        "uncached1": drive(wrk, [url], DURATION, 1, cookie=UNCACHED_COOKIE),
        "uncached": drive(wrk, [url], DURATION, CONNECTIONS, cookie=UNCACHED_COOKIE),
    }
    if cookie_free:
        row["cached1"] = drive(wrk, [url], DURATION, 1)
        pairs = []
        for _ in range(2):
            cached = drive(wrk, [url], DURATION, CONNECTIONS)
            static = drive(wrk, [static_url], DURATION, CONNECTIONS)
            pairs.append((cached["rps"] / max(static["rps"], 1), cached, static))
            if pairs[-1][0] >= 0.5:
                break
        _, row["cached"], row["static"] = max(pairs, key=lambda p: p[0])
    row["errors"] = sum(
        run["errors"] for name, run in row.items() if isinstance(run, dict)
    )
    return row


def main() -> int:
    OUT.mkdir(exist_ok=True)
    WORK.mkdir(exist_ok=True)
    cache_prefix = f"bench-{secrets.token_hex(4)}"
    env = bench_env(free_port(), cache_prefix)
    data = {
        "started": time.strftime("%Y-%m-%d %H:%M"),
        "loadavg_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "scale": "50 conditions, 500 trials, 10 programs, 60 people"
        if QUICK
        else "500 conditions, 5,000 trials, 50 programs, 300 people",
        "database": "PostgreSQL" if "BENCH_DATABASE_URL" in os.environ else "SQLite",
        "cache": "Redis" if "REDIS_URL" in env else "local memory (per worker)",
    }
    try:
        data["import"] = json.loads((OUT / "import.json").read_text())
    except (OSError, ValueError):
        log("no bench-results/import.json (bench/import_bench.py): import not shown")

    log(f"fresh database and migrations ({data['database']})")
    fresh_database(env)
    manage(env, "migrate", "--noinput")
    log("building the data set (" + data["scale"] + ")")
    started = time.perf_counter()
    built = subprocess.run(  # noqa: S603
        [PY, "bench/build_data.py", *(["--quick"] if QUICK else [])],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    if built.returncode != 0:
        sys.exit(f"building the data set failed:\n{built.stderr}")
    urls = json.loads(built.stdout.strip().splitlines()[-1])
    data["build_seconds"] = round(time.perf_counter() - started)
    log(f"built in {data['build_seconds']} s; collectstatic")
    manage(env, "collectstatic", "--noinput")

    rows = dict(PAGES)
    page_urls = {key: urls[key] for key, _ in PAGES}
    for label, query in SEARCHES:
        rows[f"search:{query}"] = f"Search: {label}"
        page_urls[f"search:{query}"] = f"/search/?{query}"
    log("counting queries and bytes per page")
    measured = subprocess.run(  # noqa: S603
        [PY, "bench/measure_queries.py", json.dumps(page_urls)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if measured.returncode != 0:
        sys.exit(f"measuring queries failed:\n{measured.stderr}")
    queries = json.loads(measured.stdout.strip().splitlines()[-1])

    wrk = ensure_wrk()
    data["generator"] = "wrk" if wrk else "Python threads (wrk not installed)"
    nginx = front.ensure_nginx()
    data["front"] = "Debian's nginx, docker/nginx.conf" if nginx else "not installed"
    server = Server(env)
    proxy = None
    try:
        base = server.base
        manifest = json.loads((WORK / "static" / "staticfiles.json").read_text())
        static_path = f"/static/{manifest['paths']['css/site.css']}"
        static_url = base + static_path
        data["static_bytes"] = len(fetch(static_url)[2])
        data["pages"] = {}
        for key, label in rows.items():
            url = base + page_urls[key]
            for _ in range(3):  # warm: renditions, cache entry
                fetch(url)
            status, headers, _ = fetch(url)
            if status != 200:
                sys.exit(f"{label} answered {status} at {url}")
            log(f"{label}: {headers.get('X-Page-Cache')}")
            row = measure_row(wrk, url, static_url, not key.startswith("search"))
            row.update(label=label, queries=queries[key])
            row["cache_header"] = headers.get("X-Page-Cache")
            data["pages"][key] = row
        static_runs = sorted(
            (r["static"] for r in data["pages"].values() if "static" in r),
            key=lambda r: r["rps"],
        )
        data["static"] = static_runs[len(static_runs) // 2]  # the median run

        if nginx and wrk:
            proxy = front.Front(nginx, WORK, server.port, free_port())
            measure_front(wrk, proxy.base + static_path, proxy.base, page_urls, data)

        mix = [(urls[key], False) for key, _ in PAGES]
        mix += [(path, False) for path in urls["all_conditions"][:200]]
        mix += [(path, False) for path in urls["all_trials"][:300]]
        mix += [(f"/search/?{query}", False) for _, query in SEARCHES]
        mix += [(path, True) for path, _ in mix[: len(mix) // 9]]
        script = mix_script(mix)
        for path, _ in mix[:: max(1, len(mix) // 40)]:  # touch a sample first
            fetch(base + path)
        data["rss_start"] = server.worker_rss_mb()
        log(f"load test: {LOAD_DURATION} s at {LOAD_CONNECTIONS} connections")
        load = drive(
            wrk,
            [base + "/"] if wrk else [base + p for p, _ in mix],
            LOAD_DURATION,
            LOAD_CONNECTIONS,
            script=script if wrk else None,
        )
        load["paths"] = len(mix)
        data["load"] = load
        data["rss_end"] = server.worker_rss_mb()
    finally:
        if proxy:
            proxy.stop()
        server.stop()
        clear_bench_cache(env, cache_prefix)
    data["loadavg_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())

    total_errors = (
        sum(r["errors"] for r in data["pages"].values()) + data["load"]["errors"]
    )
    condition_queries = queries["condition"]["queries_uncached"]
    data["targets"] = [
        *report.targets(data),
        (
            f"uncached condition page within {CONDITION_QUERY_BUDGET} queries",
            condition_queries <= CONDITION_QUERY_BUDGET,
            f"{condition_queries} queries",
        ),
        ("no errors (non-2xx or socket errors)", not total_errors, f"{total_errors}"),
        (
            "every cached page was a cache hit",
            all(
                r["cache_header"] == "HIT"
                for k, r in data["pages"].items()
                if not k.startswith("search")
            ),
            ", ".join(f"{k}={r['cache_header']}" for k, r in data["pages"].items()),
        ),
    ]
    print(report.write(data, SETTINGS))  # noqa: T201 - command-line output
    # Timings are reported, never fatal (the machine is shared); errors and a blown
    # query budget are.
    return 1 if total_errors or condition_queries > CONDITION_QUERY_BUDGET else 0


def measure_front(wrk, static_url, base, page_urls, data) -> None:
    """Anonymous pages through nginx, each beside nginx's own static-file rate."""
    statics = []
    for key, row in data["pages"].items():
        if key.startswith("search"):
            continue
        url = base + page_urls[key]
        fetch(url, headers=HTTPS)  # the first request fills the micro-cache
        log(f"through nginx: {row['label']}")
        row["front"] = drive(wrk, [url], DURATION, CONNECTIONS, headers=HTTPS)
        row["front_static"] = drive(wrk, [static_url], DURATION, CONNECTIONS)
        row["errors"] += row["front"]["errors"] + row["front_static"]["errors"]
        statics.append(row["front_static"])
    statics.sort(key=lambda r: r["rps"])
    data["front_static_median"] = statics[len(statics) // 2]


def clear_bench_cache(env, prefix: str) -> None:
    if "REDIS_URL" not in env:
        return
    try:
        import redis

        client = redis.Redis.from_url(env["REDIS_URL"])
        for key in client.scan_iter(f"{prefix}:*", count=1000):
            client.delete(key)
    except Exception as error:  # noqa: BLE001 - cleanup is best effort
        log(f"could not remove the bench's cache keys: {error}")


if __name__ == "__main__":
    sys.exit(main())
