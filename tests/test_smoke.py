"""Every demo page renders, and so do its admin edit view and its preview
(Wagtail's own page test assertions, which post the page's real edit form)."""

from django.core.management import call_command
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from .admin_forms import edit_form_data


class TestEveryDemoPage(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
        cls.pages = list(Page.objects.filter(depth__gte=2).live().specific())

    def test_there_is_one_of_each_page_type(self):
        kinds = {type(page).__name__ for page in self.pages}
        assert kinds == {
            "HomePage",
            "StandardPage",
            "ConditionIndexPage",
            "ConditionPage",
            "ProgramIndexPage",
            "ProgramPage",
            "TrialListingPage",
            "ClinicalTrialPage",
        }

    def test_every_page_is_routable_and_renders(self):
        for page in self.pages:
            with self.subTest(page=page.url_path):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_every_page_is_editable_and_previewable(self):
        editor = self.create_superuser("smoke-editor")
        for page in self.pages:
            with self.subTest(page=page.url_path):
                self.client.force_login(editor)
                data = edit_form_data(self.client, page)
                self.assertPageIsEditable(page, post_data=data, user=editor)
                self.assertPageIsPreviewable(page, post_data=data, user=editor)

    def test_the_preview_is_the_real_template(self):
        condition = next(p for p in self.pages if type(p).__name__ == "ConditionPage")
        self.client.force_login(self.create_superuser("editor"))
        edit = self.client.get(f"/admin/pages/{condition.pk}/edit/")
        assert edit.status_code == 200
        response = condition.make_preview_request()
        assert response.status_code == 200
        assert b"Who treats NETs here" in response.content

    def test_unknown_pages_get_the_friendly_404(self):
        response = self.client.get("/conditions/no-such-condition/")
        assert response.status_code == 404
        assert b"find that page" in response.content
