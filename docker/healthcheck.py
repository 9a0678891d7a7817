"""Container health check: GET /healthz on this container, as one of ALLOWED_HOSTS.

Django answers 400 to a Host it does not serve, so the check names the first host the
site is configured for (".example.org" means any subdomain: "example.org" is used).
Exit status 0 when /healthz answers 200 (the database answered too), 1 otherwise.
"""

import os
import sys
import urllib.error
import urllib.request

hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
host = hosts[0].lstrip(".") if hosts and hosts[0] != "*" else "localhost"
port = os.environ.get("PORT", "8000")
request = urllib.request.Request(
    f"http://127.0.0.1:{port}/healthz",
    headers={"Host": host, "X-Forwarded-Proto": "https"},
)
try:
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
        sys.exit(0 if response.status == 200 else 1)
except (urllib.error.URLError, OSError) as error:
    print(f"health check failed: {error}", file=sys.stderr)  # noqa: T201 - command-line output
    sys.exit(1)
