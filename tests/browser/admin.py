"""Signing in to the Wagtail admin in a browser test."""


def sign_in(page, base_url: str, username: str, password: str) -> None:
    """Sign in at the admin's login form and wait for the dashboard."""
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/admin/")
