"""nginx in front of the bench's gunicorn, with the compose stack's own config.

docker/nginx.conf with only what differs outside a container changed (as
tests/netsite/test_front_proxy.py does): the upstream, the listening port, and the
paths of the pid file, the cache and the static and media folders. Debian's nginx is
installed when missing and the bench runs as root (as .ci/run installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CONF = PROJECT / "docker" / "nginx.conf"


def ensure_nginx() -> str | None:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found or not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return found
    for command in (
        ["apt-get", "install", "-y", "-q", "nginx"],
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "nginx"],
    ):
        subprocess.run(command, capture_output=True, timeout=300)  # noqa: S603
        if Path("/usr/sbin/nginx").exists():
            return "/usr/sbin/nginx"
    return None


class Front:
    """nginx on 127.0.0.1:``port`` in front of gunicorn on ``upstream_port``."""

    def __init__(self, nginx: str, work: Path, upstream_port: int, port: int):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        root = work / "nginx"
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        text = CONF.read_text()
        for old, new in {
            "server app:8000;": f"server 127.0.0.1:{upstream_port};",
            "listen 80;": f"listen 127.0.0.1:{port};",
            "pid /tmp/nginx.pid;": f"pid {root / 'nginx.pid'};",
            "/tmp/nginx-cache": str(root / "cache"),  # noqa: S108 - replaced, not used
            "/srv/static/": f"{work / 'static'}/",
            "/srv/media/": f"{work / 'media'}/",
        }.items():
            if old not in text and "cache" not in new:  # a config without a cache
                raise SystemExit(f"docker/nginx.conf no longer has {old!r}")
            text = text.replace(old, new)
        if os.geteuid() == 0:
            text = "user root;\n" + text  # workers must read the bench's folders
        conf = root / "nginx.conf"
        conf.write_text(text)
        self.log = open(root / "error.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 - Debian's nginx, our config
            [nginx, "-c", str(conf), "-p", str(root), "-e", "stderr"]
            + ["-g", "daemon off;"],
            stderr=self.log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.1)
        self.stop()
        raise SystemExit(f"nginx did not start; see {root / 'error.log'}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
