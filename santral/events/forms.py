from django import forms
from django.utils.translation import gettext_lazy as _

PRIVACY_NOTICE = _(
    "Adınız ve e-posta adresiniz yalnızca bu etkinliğin kaydı ve etkinlikle ilgili "
    "bilgilendirme için, 6698 sayılı KVKK kapsamında konsey tarafından işlenir; "
    "etkinlikten sonra bir yıl içinde silinir."
)


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Ad soyad"), max_length=150)
    email = forms.EmailField(label=_("E-posta"))
    consent = forms.BooleanField(
        label=_("Aydınlatma metnini okudum, kaydım için verilerimin işlenmesini kabul ediyorum."),
        error_messages={"required": _("Kayıt için aydınlatma metnini onaylamanız gerekir.")},
    )
    photos = forms.BooleanField(
        label=_(
            "Etkinlikte çekilen fotoğraf ve videolarda görünmeme izin veriyorum (isteğe bağlı)."
        ),
        required=False,
    )
    # The notice version the page showed; a registration is refused when it is not the
    # current one (santral/privacy/services.py, notice_check).
    notice = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            from santral.privacy.selectors import notice_current

            current = notice_current(council)
            self.initial["notice"] = current.pk if current else None
