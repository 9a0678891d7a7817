"""The production cache: Redis through django-redis, with the page cache on it.

Needs a Redis on 127.0.0.1:6379 (as on the CI machine and in docker compose); skipped
with a clear reason where there is none. Uses its own database number and key prefix,
and removes its keys afterwards.
"""

import socket
import uuid

import pytest
from django.core.cache import caches
from django_redis.cache import RedisCache

from netsite import cache_breaker
from netsite.settings.base import redis_cache as redis_cache_settings
from tests import factories
from tests.hung_server import hung_server

REDIS_URL = "redis://127.0.0.1:6379/14"


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


needs_redis = pytest.mark.skipif(
    not redis_answers(), reason="no Redis on 127.0.0.1:6379"
)


@pytest.fixture
def redis_cache(settings):
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {"default": redis_cache_settings(REDIS_URL, prefix)}
    cache = caches["default"]
    yield cache
    cache.delete_pattern("*")  # only this test's prefix


@needs_redis
def test_the_backend_behaves_like_djangos(redis_cache):
    assert isinstance(redis_cache, RedisCache)
    redis_cache.set("a", {"x": 1}, 30)
    assert redis_cache.get("a") == {"x": 1}
    assert redis_cache.add("a", "other", 30) is False
    assert redis_cache.get_many(["a", "missing"]) == {"a": {"x": 1}}
    assert redis_cache.add("n", 1, 30) is True
    assert redis_cache.incr("n") == 2
    assert redis_cache.delete("a") is True
    assert redis_cache.get("a", "gone") == "gone"


@needs_redis
def test_one_client_is_reused(redis_cache):
    client = redis_cache.client
    assert client.get_client() is client.get_client()
    assert client.get_client(write=True) is client.get_client(write=True)


@needs_redis
@pytest.mark.django_db
def test_pages_are_cached_in_redis_and_emptied_by_a_publish(
    client, home, site, redis_cache, settings
):
    settings.PAGE_CACHE_TIMEOUT = 300
    page = factories.StandardPageFactory(parent=home, title="Before")
    assert client.get(page.url)["X-Page-Cache"] == "MISS"
    hit = client.get(page.url, HTTP_ACCEPT_ENCODING="gzip")
    assert hit["X-Page-Cache"] == "HIT"
    assert hit["Content-Encoding"] == "gzip"
    page.title = "After"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "MISS"
    assert "After" in response.content.decode()


@pytest.mark.django_db
def test_pages_still_render_when_redis_is_down(client, home, site, settings):
    # Nothing listens on port 9: every cache call fails to connect.
    settings.CACHES = {"default": redis_cache_settings("redis://127.0.0.1:9/0")}
    settings.PAGE_CACHE_TIMEOUT = 300
    cache_breaker.reset()
    try:
        page = factories.StandardPageFactory(parent=home, title="Still here")
        assert caches["default"].get("anything", "missed") == "missed"
        response = client.get(page.url)
    finally:
        cache_breaker.reset()
    assert response.status_code == 200
    assert "Still here" in response.content.decode()


@pytest.fixture
def hung_redis():
    """A "Redis" that accepts connections and never answers: a hung server."""
    with hung_server() as server:
        yield server


@pytest.mark.django_db
def test_a_hung_redis_is_tried_once_then_left_alone(
    client, home, site, settings, hung_redis
):
    port, accepted = hung_redis
    page = factories.StandardPageFactory(parent=home, title="Still here")
    settings.CACHES = {"default": redis_cache_settings(f"redis://127.0.0.1:{port}/0")}
    settings.PAGE_CACHE_TIMEOUT = 300
    cache_breaker.reset()
    try:
        for _ in range(3):
            response = client.get(page.url)
            assert response.status_code == 200
            assert "Still here" in response.content.decode()
        # The first cache call timed out and opened the breaker; every later one
        # failed at once without opening another connection.
        assert cache_breaker.is_open()
        assert len(accepted) == 1
    finally:
        cache_breaker.reset()
