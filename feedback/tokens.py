"""Signed, time-stamped tokens: what the feedback forms carry instead of a CSRF cookie.

Why no CSRF cookie, and why that is safe here
---------------------------------------------
The “Was this page helpful?” form sits on condition, program and trial pages, which
are cached whole for anonymous visitors (netsite/page_cache.py). A cached page is one
copy for everyone, and a response that sets a cookie is never stored, so Django's CSRF
token (a per-visitor cookie) cannot be in it. CSRF protects an action taken with a
visitor's credentials; the vote and comment views use none (no session, no user, no
cookie, read or set) and change nothing but an anonymous count and its comment, so a
forged cross-site post can do no more than the forger could do directly. What they need
instead is protection from scripted abuse, which is what this token, the honeypot field
and the per-address rate limit give (feedback/views.py).

The vote token
--------------
It names the page and when the form was rendered, signed with ``SECRET_KEY``, so it
cannot be made up or moved to another page. On a cached page it is the same for every
visitor for as long as the page stays cached (``PAGE_CACHE_TIMEOUT``, then up to
``PAGE_CACHE_MAX_AGE`` in browsers and CDNs). So:

- the lower bound (``MIN_SECONDS``, “answered faster than a person reads”) only bites
  on a freshly rendered page: it stops a script that fetches a page and posts at once,
  and costs a person nothing; on a page from the cache it is always met;
- the upper bound must outlast the cache, or a family reading a cached page would be
  refused: it is the cache's lifetime plus a day (a tab left open overnight);
- a token cannot be tied to one vote: scripted repeats are the rate limit's job.

The comment token names one stored vote and is made fresh by the uncached thank-you
page, so it is one visitor's, and lets them add one comment to their own answer.
"""

import time

from django.conf import settings
from django.core import signing

MIN_SECONDS = 2
GRACE_SECONDS = 24 * 60 * 60
COMMENT_MAX_AGE = 24 * 60 * 60

_VOTE_SALT = "feedback.vote"
_COMMENT_SALT = "feedback.comment"


def now() -> float:
    """The current time in seconds (tests move it on instead of sleeping)."""
    return time.time()


class TokenError(Exception):
    """The token is damaged, forged, for another page, or too old."""


class TooFast(TokenError):
    """The form came back sooner than a person could have read and answered it."""


def vote_max_age() -> int:
    """Seconds a rendered vote form stays valid: longer than any cached copy lives."""
    return (
        int(getattr(settings, "PAGE_CACHE_TIMEOUT", 0))
        + int(getattr(settings, "PAGE_CACHE_MAX_AGE", 0))
        + GRACE_SECONDS
    )


def make_vote_token(page_id: int) -> str:
    return signing.dumps({"p": page_id, "t": int(now())}, salt=_VOTE_SALT)


def check_vote_token(token: str, page_id: int) -> None:
    """Raise ``TokenError`` (or ``TooFast``) unless ``token`` is this page's and fresh."""
    _check(token, _VOTE_SALT, vote_max_age(), {"p": page_id})


def make_comment_token(vote_id: int) -> str:
    return signing.dumps({"v": vote_id, "t": int(now())}, salt=_COMMENT_SALT)


def comment_token_vote(token: str, *, check_time: bool = True) -> int:
    """The vote id the comment token names; ``TokenError`` if it is not valid."""
    data = _load(token, _COMMENT_SALT, COMMENT_MAX_AGE)
    if not isinstance(data.get("v"), int):
        raise TokenError("no vote in the token")
    if check_time:
        _check_time(data)
    return data["v"]


def _load(token: str, salt: str, max_age: int) -> dict:
    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature as error:
        raise TokenError(str(error)) from None
    if not isinstance(data, dict) or not isinstance(data.get("t"), int):
        raise TokenError("malformed token")
    if now() - data["t"] > max_age:
        raise TokenError("expired token")
    return data


def _check(token: str, salt: str, max_age: int, expected: dict) -> None:
    data = _load(token, salt, max_age)
    if any(data.get(name) != value for name, value in expected.items()):
        raise TokenError("the token is for another form")
    _check_time(data)


def _check_time(data: dict) -> None:
    if now() - data["t"] < MIN_SECONDS:
        raise TooFast("answered too fast")
