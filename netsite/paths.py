"""Where the admin is mounted, said once.

``urls.py`` mounts the Wagtail admin here, and the code that must recognise an admin
request before (or without) URL resolution reads the same value: the page cache, the
admin's content security policy, two-factor sign-in, site settings, robots.txt.
"""

ADMIN_PREFIX = "/admin/"
