from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .backoffice import (
    meeting_councils,
    meeting_new_view,
    meeting_view,
    meetings_index_view,
    recommendation_view,
    referral_letter_view,
)


@hooks.register("register_admin_urls")
def register_decision_urls():
    return [
        path("toplantilar/", meetings_index_view, name="santral_meetings"),
        path("toplantilar/yeni/", meeting_new_view, name="santral_meeting_new"),
        path("toplantilar/<int:pk>/", meeting_view, name="santral_meeting"),
        path("tavsiyeler/<int:pk>/", recommendation_view, name="santral_recommendation"),
        path("tavsiyeler/<int:pk>/yazi.pdf", referral_letter_view, name="santral_referral_letter"),
    ]


class MeetingMenuItem(MenuItem):
    def is_shown(self, request):
        return meeting_councils(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_meetings_menu_item():
    return MeetingMenuItem(
        _("Toplantılar ve kararlar"),
        reverse("santral_meetings"),
        name="santral-meetings",
        icon_name="date",
        order=285,
    )
