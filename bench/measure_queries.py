"""Queries and bytes per page, measured in-process (run by bench/run.py).

    python bench/measure_queries.py '<json {name: url}>'

For each URL: the SQL queries of a warm uncached render (page cache off, second of two
renders, so one-off work like image renditions is not counted), the queries of a
cached hit (page cache on), and the size of the HTML. Prints one JSON line.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(urls: dict[str, str]) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for name, url in urls.items():
        # Counted at once: every request clears the connection's query log.
        with override_settings(PAGE_CACHE_TIMEOUT=0):
            client.get(url)
            with CaptureQueriesContext(connection) as uncached:
                response = client.get(url)
            queries_uncached = len(uncached)
        with override_settings(PAGE_CACHE_TIMEOUT=300):
            client.get(url)
            with CaptureQueriesContext(connection) as cached:
                hit = client.get(url)
            queries_cached = len(cached)
            packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        results[name] = {
            "status": response.status_code,
            "queries_uncached": queries_uncached,
            "queries_cached": queries_cached,
            "cache_status": hit.get("X-Page-Cache", ""),
            "bytes": len(response.content),
            "bytes_gzip": len(packed.content),
        }
    return results


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1]))))  # noqa: T201 - command-line output
