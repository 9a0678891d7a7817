"""A circuit breaker for the Redis cache: after an error, leave Redis alone a while.

django-redis already turns a Redis error into a cache miss (``IGNORE_EXCEPTIONS``), but
each miss still costs a connection attempt, and against a hung Redis a whole socket
timeout (0.25 s), several times per page. After one failure this process stops trying
for ``OPEN_SECONDS``: every cache call fails at once, without touching the network, and
pages render from the database. The next call after that tries Redis again.

It works at the level of redis-py's connection (``CONNECTION_POOL_KWARGS`` in
``netsite.settings.base.redis_cache``), where both a refused connection and a read
timeout are seen, whatever cache method was called.
"""

import logging
import threading
import time

from redis.connection import Connection, SSLConnection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OPEN_SECONDS = 10.0
_FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)

_lock = threading.Lock()
_open_until = 0.0


def is_open() -> bool:
    """Is Redis being skipped right now (a failure less than OPEN_SECONDS ago)?"""
    return time.monotonic() < _open_until


def trip(error: Exception) -> None:
    """Skip Redis for the next OPEN_SECONDS; logged once per opening."""
    global _open_until
    with _lock:
        was_open = is_open()
        _open_until = time.monotonic() + OPEN_SECONDS
    if not was_open:
        logger.warning(
            "Cache unavailable (%s); serving without it for %.0f s", error, OPEN_SECONDS
        )


def reset() -> None:
    """Close the breaker (tests, or after Redis is known to be back)."""
    global _open_until
    with _lock:
        _open_until = 0.0


class _BreakerMixin:
    def _refuse_while_open(self):
        if is_open():
            self.disconnect()
            raise RedisConnectionError("skipped: the cache failed moments ago")

    def connect(self, *args, **kwargs):
        self._refuse_while_open()
        try:
            return super().connect(*args, **kwargs)
        except _FAILURES as error:
            trip(error)
            raise

    def send_packed_command(self, *args, **kwargs):
        self._refuse_while_open()
        try:
            return super().send_packed_command(*args, **kwargs)
        except _FAILURES as error:
            trip(error)
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except _FAILURES as error:
            trip(error)
            raise


class BreakerConnection(_BreakerMixin, Connection):
    """redis-py's TCP connection, behind the breaker (``redis://``)."""


class BreakerSSLConnection(_BreakerMixin, SSLConnection):
    """redis-py's TLS connection, behind the breaker (``rediss://``)."""
