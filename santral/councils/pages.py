"""Wagtail pages: the hub's home and one home page per council (the root of its subtree)."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from santral.core.registry import council_home_sections, latest_activity, shared_with_network


class HubHomePage(Page):
    """The site root: what Santral is, the latest activity across councils."""

    intro = models.TextField(_("giriş metni"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    # Platform-owned national and international material hangs directly under the hub.
    subpage_types = [
        "councils.CouncilHomePage",
        "content.NewsPage",
        "content.InfoPage",
        "content.DocumentPage",
        "content.PublicationPage",
        "events.EventPage",
    ]
    max_count = 1
    template = "councils/hub_home_page.html"

    class Meta:
        verbose_name = _("merkez ana sayfa")

    def get_context(self, request, *args, **kwargs):
        from .selectors import council_directory, directory_counts

        context = super().get_context(request, *args, **kwargs)
        context["councils"] = council_directory()[:8]
        context["counts"] = directory_counts()
        context["activity"] = latest_activity(limit=10)
        context["shared"] = shared_with_network(limit=6)
        return context


class CouncilHomePage(RoutablePageMixin, Page):
    """A council's home page; everything the council publishes hangs below it."""

    council = models.OneToOneField(
        "councils.Council",
        verbose_name=_("konsey"),
        on_delete=models.PROTECT,
        related_name="home_page",
    )

    content_panels = [*Page.content_panels]
    parent_page_types = ["councils.HubHomePage"]
    subpage_types = [
        "content.NewsPage",
        "content.InfoPage",
        "content.DocumentPage",
        "content.PublicationPage",
        "events.EventPage",
    ]
    template = "councils/council_home_page.html"

    class Meta:
        verbose_name = _("konsey ana sayfası")

    def get_context(self, request, *args, **kwargs):
        from .selectors import council_for_home

        context = super().get_context(request, *args, **kwargs)
        council = council_for_home(self.council_id)
        context["council_obj"] = council
        # Latest news, next events, bodies, budget, … offered by the apps above councils
        # (santral/*/council_home.py); a section with nothing to show is left out.
        context["sections"] = council_home_sections(council)
        return context

    @path("kurullar/<slug:body_slug>/", name="body")
    def body_view(self, request, body_slug):
        from .selectors import body_detail

        body = body_detail(council=self.council, slug=body_slug)
        if body is None:
            raise Http404
        return self.render(
            request,
            context_overrides={"body": body, "council_obj": self.council},
            template="councils/body_page.html",
        )

    def body_url(self, body) -> str:
        return self.url + self.reverse_subpage("body", kwargs={"body_slug": body.slug})
