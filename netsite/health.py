"""Is the database answering? Within a deadline, even when it hangs.

A hung database server (stopped, paused, or its network silently dropping packets)
enforces no timeout of its own, and a query on it blocks the thread that sent it. So the
health check asks from a separate thread and waits at most ``timeout`` seconds: the
load balancer hears "503" in time to take this app server out, however long the
database takes. At most one probe is in flight per process: while one is stuck, later
checks wait on the same one instead of piling up threads and connections.
"""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as ProbeTimeout

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthz-db")
_lock = threading.Lock()
_in_flight = None


def select_one() -> bool:
    """One round trip on the probe thread's own connection, closed afterwards."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True
    finally:
        connection.close()


def database_answers(timeout: float) -> bool:
    """True if the database answered ``SELECT 1`` within ``timeout`` seconds."""
    global _in_flight  # noqa: PLW0603 - one probe per process, by design
    with _lock:
        if _in_flight is None or _in_flight.done():
            _in_flight = _executor.submit(select_one)
        probe = _in_flight
    try:
        return probe.result(timeout=timeout)
    except ProbeTimeout:
        logger.error("Health check: the database did not answer within %.1f s", timeout)
    except DatabaseError as error:
        # One line, no traceback: the reason is all an operator needs here.
        logger.error("Health check: the database did not answer (%s)", error)
    return False
