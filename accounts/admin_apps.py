"""App configuration for Wagtail's users app with the site's own groups admin.

Listed in INSTALLED_APPS in place of "wagtail.users" (Wagtail's documented way to
customise the group views). Kept out of accounts/apps.py so Django still picks
AccountsConfig as the accounts app's only AppConfig.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    group_viewset = "accounts.admin_views.GroupViewSet"
    user_viewset = "accounts.admin_views.UserViewSet"
