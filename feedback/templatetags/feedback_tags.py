"""``{% page_feedback page %}``: the “Was this page helpful?” form, for pages whose
type asks for it (``page_feedback = True``). It carries a signed, time-stamped token
instead of a CSRF cookie, so the page around it can still be cached (feedback/tokens.py).
"""

from django import template

from ..tokens import make_vote_token

register = template.Library()


@register.inclusion_tag("feedback/page_feedback.html", takes_context=True)
def page_feedback(context, page):
    request = context.get("request")
    if (
        not getattr(page, "page_feedback", False)
        or page.pk is None
        or getattr(request, "is_preview", False)
    ):
        return {"show": False}  # a type without feedback, or an editor's preview
    return {"show": True, "feedback_page": page, "token": make_vote_token(page.pk)}
