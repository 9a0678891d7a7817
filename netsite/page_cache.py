"""A whole-page cache for anonymous visitors, emptied on every content change.

Why our own middleware rather than Django's per-site cache or wagtail-cache: the rules
that matter here are few and must be exact, and they are easier to read in one place:

- Only ``GET``/``HEAD`` from visitors who carry no session or message cookie are served
  from the cache or stored in it. Signed-in editors always have a session cookie, so
  they never see a cached page and their pages (with the Wagtail user bar) are never
  stored. The admin, previews, documents and the health check are never cached.
- A response is stored only if it is a plain 200 that sets no cookie (so no CSRF
  token or session was handed out), was not a preview, and did not ask not to be
  cached (``Cache-Control: private/no-cache/no-store``).
- Invalidation is by generation: every entry is stored with the generation token it
  was made in, and any publish, unpublish, move or delete of a page, or any change to
  a snippet, image, site or site setting, replaces the token (``bump_generation``).
  Every cached page is then stale at once, on every app server sharing the cache
  (Redis in production). Reading the token and the page is one round trip (MGET).
  Trade-off, chosen on purpose: a change re-renders all pages rather than working
  out which pages show the changed object (the header and footer show site settings
  everywhere, a person can be on many program pages), which is always correct and
  costs one render per page after a publish. Old entries simply expire.

Cached responses get ``Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE``; everything
else that is not already marked gets ``private, no-cache`` so that no shared cache
(CDN, proxy) keeps a page that was meant for one visitor.
"""

import gzip
import hashlib
import logging
import re
import uuid

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import compress_string

from .paths import ADMIN_PREFIX

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
CACHE_STATUS_HEADER = "X-Page-Cache"  # HIT / MISS / BYPASS: for operators and the bench
# /search/ is left out: results vary with every query (few hits to gain) and each
# search is counted in Wagtail's search terms report, which a cached page would skip.
NEVER_CACHED_PREFIXES = (
    ADMIN_PREFIX,
    "/documents/",
    "/healthz",
    "/search/",
    *(f"/{code}/search/" for code, _ in settings.LANGUAGES[1:]),
)
# Cookies that mean "this visitor may see something personal": a session (signed-in
# editors, page passwords) or a one-off message from the messages framework.
PERSONAL_COOKIES = ("messages",)
NO_STORE_DIRECTIVES = ("private", "no-cache", "no-store", "max-age=0")
_MISSING = object()  # "not in the cache", as opposed to a cached None


def page_cache():
    """The cache pages are kept in: ``PAGE_CACHE_ALIAS`` (``default`` unless set)."""
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def cache_timeout() -> int:
    """Seconds a page stays in the server-side cache; 0 turns the page cache off."""
    return int(getattr(settings, "PAGE_CACHE_TIMEOUT", 0))


def _new_generation(cache) -> str:
    # A random token, never a counter: if the cache evicted the key, counting again
    # from 1 could bring back entries stored before the last change.
    cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    return cache.get(GENERATION_KEY)


def read_entry(cache, key: str):
    """``(generation, value)`` in one round trip to the cache.

    Entries are stored as ``(generation, value)``; one stored in an earlier generation
    is stale and comes back as ``_MISSING``, exactly like an entry never stored.
    """
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or _new_generation(cache)
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        return generation, entry[1]
    return generation, _MISSING


def current_generation() -> str | None:
    """The token of the current content generation; None when it cannot be trusted.

    For values kept in a process's memory that must follow content changes as cached
    pages do (the search vocabulary): reuse while the token is the same. None while
    the page cache is off (production without Redis: a token in each worker's own
    memory would not change when another worker saves) or the cache is down.
    """
    if not cache_timeout():
        return None
    try:
        cache = page_cache()
        return cache.get(GENERATION_KEY) or _new_generation(cache)
    except Exception:  # noqa: BLE001 - a cache outage means "unknown", never an error
        logger.exception("Page cache unavailable; content generation unknown")
        return None


def bump_generation(reason: str = "") -> None:
    """Make every cached page stale at once (all app servers sharing the cache)."""
    try:
        page_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 - a cache outage must never block a publish
        logger.exception("Could not clear the page cache (%s)", reason)
        return
    logger.debug("Page cache cleared: %s", reason)


def clear_site_cache() -> bool:
    """Empty everything this site keeps in its cache: pages, fragments, Wagtail's own
    entries (site root paths, renditions). For after a restore, when every entry may
    describe data that is gone. Only this site's keys (``CACHE_KEY_PREFIX``) on a shared
    Redis. False if the cache could not be reached."""
    cache = page_cache()
    try:
        if hasattr(cache, "delete_pattern"):  # django-redis: clear() is FLUSHDB
            cache.delete_pattern("*")
        else:
            cache.clear()
        bump_generation("restore")
        # A Redis that is down swallows errors (IGNORE_EXCEPTIONS): ask it back.
        token = uuid.uuid4().hex
        cache.set("pagecache:cleared", token, timeout=5)
        return cache.get("pagecache:cleared") == token
    except Exception:  # noqa: BLE001 - reported by the caller
        logger.exception("Could not clear the cache")
        return False


def request_is_cacheable(request) -> bool:
    """May this request be answered from, or stored in, the shared page cache?"""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(NEVER_CACHED_PREFIXES):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies:
        return False
    return not any(name in cookies for name in PERSONAL_COOKIES)


def response_is_cacheable(request, response) -> bool:
    """Is this response the same for every anonymous visitor, and safe to share?"""
    if response.status_code != 200 or response.streaming:
        return False
    if not isinstance(response, HttpResponse) or response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(directive in cache_control for directive in NO_STORE_DIRECTIVES)


def cache_url(request) -> str:
    """What a cached page is keyed on: scheme, host, path and query string. The path
    says the language (English at /…, Spanish at /es/…), so each is cached apart."""
    return f"{request.scheme}://{request.get_host()}{request.get_full_path()}"


def page_key(url: str) -> str:
    """Cache key for a URL (hashed: URLs can be long and hold any character)."""
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"pagecache:page:{digest}"


# --- Compression: cached pages are kept gzipped and sent as they are -----------------
# A cached page holds nothing secret (no CSRF token, no session, nothing personal), so
# compressing it cannot leak a secret through its size (the BREACH attack); pages that
# are not shared are left alone. Compressing once when storing means a hit costs no
# compression, a tenth of the bytes in the cache and on the wire, and browsers, which
# all accept gzip, get it that way. The rare client that does not gets it unpacked.

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
MIN_COMPRESS_BYTES = 500


def compress(response) -> None:
    """Gzip a response about to be stored (in place), unless it is small or encoded."""
    if (
        response.has_header("Content-Encoding")
        or len(response.content) < MIN_COMPRESS_BYTES
    ):
        return
    response.content = compress_string(response.content)  # as GZipMiddleware does
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Accept-Encoding",))


def for_client(request, response, status: str):
    """The stored response as this client can take it, marked with the cache status."""
    if response.get("Content-Encoding") == "gzip" and not ACCEPTS_GZIP.search(
        request.META.get("HTTP_ACCEPT_ENCODING", "")
    ):
        plain = HttpResponse(
            gzip.decompress(response.content),
            status=response.status_code,
            headers={k: v for k, v in response.items() if k != "Content-Encoding"},
        )
        plain["Content-Length"] = str(len(plain.content))
        response = plain
    response[CACHE_STATUS_HEADER] = status
    return response


class PageCacheMiddleware:
    """Serve anonymous visitors whole pages from the cache; store what may be shared.

    Sits after the header middleware (CSP, Permissions-Policy, security, request log),
    so a cached page gets fresh headers and its own request id, and before sessions,
    CSRF and authentication, so a hit costs none of them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = cache_timeout()
        if timeout <= 0 or not request_is_cacheable(request):
            return self.mark_private(self.get_response(request), status="BYPASS")

        cache = page_cache()
        key = page_key(cache_url(request))  # an unknown Host raises: a 400
        try:
            generation, cached = read_entry(cache, key)
        except Exception:  # noqa: BLE001 - a cache outage must not take the site down
            logger.exception("Page cache unavailable; serving without it")
            return self.mark_private(self.get_response(request), status="BYPASS")
        if cached is not _MISSING:
            return for_client(request, cached, status="HIT")

        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=int(getattr(settings, "PAGE_CACHE_MAX_AGE", 300)),
            )
            compress(response)
            try:
                cache.set(key, (generation, response), timeout)
            except Exception:  # noqa: BLE001 - an unstored page is still a good page
                logger.exception("Could not store a page in the cache")
            return for_client(request, response, status="MISS")
        return self.mark_private(response, status="BYPASS")

    @staticmethod
    def mark_private(response, status: str):
        """No shared cache may keep a response this middleware did not share."""
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        response[CACHE_STATUS_HEADER] = status
        return response


# --- Fragments: values derived from published content, reused until it changes --------

FRAGMENT_TIMEOUT = 60 * 60


def cached_fragment(name: str, compute):
    """``compute()``, kept in the cache until the next content change.

    For values every page needs and that only change when content does: the main menu,
    the trial listing's URL, whether any page is private. Keeping them saves a few
    queries on every uncached page. A cache outage just means computing them again.
    """
    cache = page_cache()
    key = f"pagecache:fragment:{name}"
    try:
        generation, value = read_entry(cache, key)
    except Exception:  # noqa: BLE001
        logger.exception("Page cache unavailable; computing %s", name)
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            cache.set(key, (generation, value), FRAGMENT_TIMEOUT)
        except Exception:  # noqa: BLE001
            logger.exception("Could not cache %s", name)
    return value


def restricted_page_paths() -> list[str]:
    """Tree paths of the pages with a view restriction (password, login or groups).

    Usually none on this site; then checking whether a page is public costs nothing.
    Restriction changes and page moves start a new generation, so this is never stale.
    """
    from wagtail.models import PageViewRestriction

    return cached_fragment(
        "restricted-page-paths",
        lambda: sorted(
            PageViewRestriction.objects.values_list("page__path", flat=True)
        ),
    )


# --- Invalidation ---------------------------------------------------------------------


def _page_changed(sender, instance=None, **kwargs):
    """A page was published, unpublished, moved or deleted, or an object changed."""
    bump_generation(f"{sender._meta.label} {getattr(instance, 'pk', '')}")


def _page_saved(sender, instance, created=False, update_fields=None, **kwargs):
    # save_revision() saves the page with update_fields (draft bookkeeping only), which
    # changes nothing visitors see; a full save of a live page (or a new live page)
    # changes the public site directly.
    if update_fields is None and instance.live:
        _page_changed(sender, instance)


def watched_models():
    """Non-page models whose changes can show on public pages.

    Every model of the site's own apps (``settings.LOCAL_APPS``: snippets, site
    settings, the pages' inline rows, whatever an app adds later), images and documents
    (their URLs and alt text), sites and page privacy. Renditions are left out on
    purpose: they are created while pages render. A model whose rows are written in
    bulk by code that empties the cache itself says so with
    ``page_cache_watch = False`` (a signal per row would also stop Django from
    deleting them in one query).
    """
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site

    models = [
        model
        for name in settings.LOCAL_APPS
        for model in apps.get_app_config(name.rpartition(".")[2]).get_models()
        if not issubclass(model, Page) and getattr(model, "page_cache_watch", True)
    ]
    return [*models, get_image_model(), get_document_model(), Site, PageViewRestriction]


def connect_invalidation_signals() -> None:
    """Called from ``NetsiteConfig.ready()``: clear the page cache on every change."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import get_page_models
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for model in get_page_models():
        uid = f"pagecache-{model._meta.label}"
        page_published.connect(
            _page_changed, sender=model, dispatch_uid=f"{uid}-published"
        )
        page_unpublished.connect(
            _page_changed, sender=model, dispatch_uid=f"{uid}-unpublished"
        )
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(_page_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    post_page_move.connect(_page_changed, dispatch_uid="pagecache-moved")
    for model in watched_models():
        uid = f"pagecache-{model._meta.label}"
        post_save.connect(_page_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(_page_changed, sender=model, dispatch_uid=f"{uid}-deleted")
