"""Admin hooks of the shell: the site's own editors' guide in the Help menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .editors_guide import EditorsGuideView


@hooks.register("register_admin_urls")
def register_editors_guide_url():
    return [path("guide/", EditorsGuideView.as_view(), name="editors_guide")]


@hooks.register("register_help_menu_item")
def register_editors_guide_menu_item():
    # Before Wagtail's own guide (order 1100), which stays for the general how-tos.
    return MenuItem(
        "Our editors' guide",
        reverse("editors_guide"),
        icon_name="help",
        order=900,
        name="site-editors-guide",
    )
