"""The compose stack's front proxy (issue 11, Medium 8): gunicorn is reachable only
through nginx, and a client's forged X-Forwarded-For cannot pick the address that
sign-in throttling counts.

The nginx tests run Debian's nginx (``.ci/run`` installs it) with docker/nginx.conf,
only the upstream and the listening port changed, in front of a small server that
records the headers it was sent.
"""

import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.test import RequestFactory

from accounts.security import client_ip

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "docker" / "nginx.conf"
nginx = shutil.which("nginx") or "/usr/sbin/nginx"
needs_nginx = pytest.mark.skipif(
    not Path(nginx).exists(), reason="nginx is not installed (.ci/run installs it)"
)


def test_only_the_proxy_publishes_a_port():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert services["app"]["expose"] == ["8000"]
    assert services["proxy"]["build"]["dockerfile"] == "docker/nginx.Dockerfile"
    # The production default counts exactly the one proxy the stack ships.
    assert "TRUSTED_PROXY_COUNT" not in services["app"].get("environment", {})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def upstream():
    """A stand-in for gunicorn that answers with the headers it received, as JSON."""
    seen = []

    class Echo(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            seen.append({**self.headers, "path": self.path, "method": self.command})
            body = json.dumps(dict(self.headers)).encode()
            self.send_response(200)
            if "private" in self.path:
                self.send_header("Cache-Control", "private, no-cache")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], seen
    server.shutdown()


def local_config(tmp_path, upstream_port, listen_port) -> Path:
    text = NGINX_CONF.read_text()
    assert "server app:8000;" in text and "listen 80;" in text
    text = text.replace("server app:8000;", f"server 127.0.0.1:{upstream_port};")
    text = text.replace("listen 80;", f"listen 127.0.0.1:{listen_port};")
    text = text.replace("pid /tmp/nginx.pid;", f"pid {tmp_path / 'nginx.pid'};")
    text = text.replace("/srv/static/", f"{tmp_path / 'static'}/")
    text = text.replace("/srv/media/", f"{tmp_path / 'media'}/")
    text = text.replace("/tmp/nginx-cache", str(tmp_path / "cache"))  # noqa: S108
    (tmp_path / "static").mkdir()
    (tmp_path / "media").mkdir()
    if os.geteuid() == 0:
        # Workers would run as "nobody", who cannot read pytest's private tmp dirs.
        text = "user root;\n" + text
    conf = tmp_path / "nginx.conf"
    conf.write_text(text)
    return conf


@needs_nginx
def test_the_config_is_valid(tmp_path):
    conf = local_config(tmp_path, free_port(), free_port())
    result = subprocess.run(  # noqa: S603 - Debian's nginx, our config
        [nginx, "-t", "-c", str(conf), "-p", str(tmp_path), "-e", "stderr"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


@pytest.fixture
def proxy(tmp_path, upstream):
    upstream_port, seen = upstream
    listen_port = free_port()
    conf = local_config(tmp_path, upstream_port, listen_port)
    process = subprocess.Popen(  # noqa: S603
        [
            nginx,
            "-c",
            str(conf),
            "-p",
            str(tmp_path),
            "-e",
            "stderr",
            "-g",
            "daemon off;",
        ],
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", listen_port)) == 0:
                break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{listen_port}", tmp_path, seen
    process.terminate()
    process.wait(10)


@needs_nginx
def test_a_forged_forwarded_for_does_not_choose_the_counted_address(proxy, settings):
    base, _, seen = proxy
    request = urllib.request.Request(  # noqa: S310 - our own loopback proxy
        f"{base}/accounts/login/",
        headers={"X-Forwarded-For": "203.0.113.66", "X-Forwarded-Proto": "https"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200
    headers = seen[-1]
    assert headers["X-Forwarded-For"] == "203.0.113.66, 127.0.0.1"
    assert headers["X-Forwarded-Proto"] == "https"

    # What the app makes of it with the production default of one trusted proxy:
    settings.TRUSTED_PROXY_COUNT = 1
    forwarded = RequestFactory().get(
        "/",
        HTTP_X_FORWARDED_FOR=headers["X-Forwarded-For"],
        REMOTE_ADDR="10.0.0.9",  # the proxy container
    )
    assert client_ip(forwarded) == "127.0.0.1"  # the real client, not the forgery


@needs_nginx
def test_static_files_come_from_disk_and_documents_never_do(proxy):
    base, root, seen = proxy
    (root / "static" / "site.css").write_text("body{}")
    (root / "media" / "documents").mkdir()
    (root / "media" / "documents" / "private.pdf").write_text("%PDF")
    with urllib.request.urlopen(f"{base}/static/site.css", timeout=10) as response:  # noqa: S310
        assert response.read() == b"body{}"
        assert "immutable" in response.headers["Cache-Control"]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{base}/media/documents/private.pdf", timeout=10)  # noqa: S310
    assert refused.value.code == 404
    assert seen == []  # neither reached the app


# --- The micro-cache --------------------------------------------------------------------


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.headers.get("X-Front-Cache"), response.read()


HTTPS = {"X-Forwarded-Proto": "https"}


@needs_nginx
def test_anonymous_pages_are_kept_a_few_seconds(proxy):
    base, _, seen = proxy
    first = get(f"{base}/conditions/", **HTTPS)
    second = get(f"{base}/conditions/", **HTTPS)

    assert (first[0], second[0]) == ("MISS", "HIT")
    assert second[1] == first[1]
    assert len(seen) == 1


@needs_nginx
@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/conditions/", {"Cookie": "sessionid=abc", **HTTPS}),
        ("/conditions/", {"Cookie": "theme=dark; messages=x", **HTTPS}),
        ("/admin/pages/3/edit/preview/", HTTPS),
        ("/search/?q=private", HTTPS),  # the app says private, no-cache
        ("/conditions/", {}),  # plain HTTP: the app redirects it
    ],
    ids=["session", "messages", "admin", "app-says-private", "http"],
)
def test_personal_admin_private_and_plain_http_answers_are_never_kept(
    proxy, path, headers
):
    base, _, seen = proxy
    for _ in range(2):
        status, _body = get(f"{base}{path}", **headers)
        assert status != "HIT"
    assert len(seen) == 2


@needs_nginx
def test_a_purge_on_publish_replaces_the_kept_page(proxy):
    base, _, seen = proxy
    _, before = get(f"{base}/conditions/", **HTTPS)

    request = urllib.request.Request(f"{base}/conditions/", method="PURGE")  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200
    status, after = get(f"{base}/conditions/", **HTTPS)

    assert seen[-1]["method"] == "GET"  # the app is asked for the page itself
    assert seen[-1]["X-Forwarded-Proto"] == "https"
    assert status == "HIT"
    assert after != before  # a new copy (each answer carries its own request id)
