"""Version 1 of every notice: the platform's own (accounts) and each council's current text.

Council.privacy_notice stays the text a council edits; from here on each change of it
becomes the council's next version (santral/privacy/services.py, notice_follow_council).
"""

from datetime import date

from django.db import migrations

PLATFORM_TR = """Veri sorumlusu: Santral'ı işleten kurum (platform), 6698 sayılı Kişisel Verilerin Korunması Kanunu (KVKK) md. 10 uyarınca.

İşlenen veriler: hesabınızın e-posta adresi ve adınız; oturum açma kayıtları (zaman, istek kimliği); iki aşamalı doğrulama bilgisi.

Amaç ve hukuki sebep: hesabınızı açmak ve güvenliğini sağlamak (sözleşmenin kurulması ve ifası, md. 5/2-c; hukuki yükümlülük, md. 5/2-ç). Kent konseylerinin bütçe ve içerik kayıtlarında yazar olarak adınız görünür (meşru menfaat, md. 5/2-f).

Saklama: oturum açma kayıtları iki yıl, başarısız girişler bir yıl saklanır. Hesabınızı sildiğinizde yazarı olduğunuz kamusal kayıtlarda adınızın yerine "Silinmiş kullanıcı" takma adı görünür.

Aktarım: veriler yurt dışına aktarılmaz; sayfalar üçüncü taraflara istek göndermez.

Haklarınız (md. 11): verilerinizi görmek, indirmek ve silinmesini istemek için Hesabım > Verilerim sayfasını kullanın; başvurular en geç 30 gün içinde yanıtlanır."""

PLATFORM_EN = """Data controller: the organisation that runs Santral (the platform), under Article 10 of Turkey's Personal Data Protection Law no. 6698 (KVKK).

Data processed: your account's e-mail address and name; sign-in records (time, request id); two-factor authentication data.

Purpose and legal basis: to open your account and keep it secure (contract, Art. 5/2-c; legal obligation, Art. 5/2-ç). Your name appears as the author of city councils' budget and content records (legitimate interest, Art. 5/2-f).

Retention: sign-in records two years, failed sign-ins one year. When your account is erased, the public records you authored show the pseudonym "Silinmiş kullanıcı" (deleted user) instead of your name.

Transfers: no data is transferred abroad; pages make no requests to third parties.

Your rights (Art. 11): see, download and ask for the erasure of your data on My account > My data; requests are answered within 30 days."""

PLATFORM_AR = """المسؤول عن البيانات: الجهة التي تشغّل منصة سانترال، وفقًا للمادة 10 من قانون حماية البيانات الشخصية التركي رقم 6698.

البيانات المعالجة: عنوان البريد الإلكتروني لحسابك واسمك؛ سجلات تسجيل الدخول (الوقت، معرّف الطلب)؛ بيانات التحقق بخطوتين.

الغرض والأساس القانوني: فتح حسابك والحفاظ على أمنه. يظهر اسمك كمؤلف في سجلات الميزانية والمحتوى لمجالس المدن.

مدة الحفظ: سجلات تسجيل الدخول سنتان، ومحاولات الدخول الفاشلة سنة واحدة. عند حذف حسابك يظهر الاسم المستعار "Silinmiş kullanıcı" (مستخدم محذوف) بدل اسمك في السجلات العامة.

النقل: لا تُنقل البيانات إلى خارج البلاد، ولا ترسل الصفحات أي طلبات إلى أطراف ثالثة.

حقوقك (المادة 11): يمكنك عرض بياناتك وتنزيلها وطلب حذفها من صفحة حسابي > بياناتي؛ ويُرد على الطلبات خلال 30 يومًا."""


def first_versions(apps, schema_editor):
    notice = apps.get_model("privacy", "PrivacyNotice")
    council_model = apps.get_model("councils", "Council")
    if not notice.objects.filter(council__isnull=True).exists():
        notice.objects.create(
            council=None,
            version=1,
            text=PLATFORM_TR,
            text_en=PLATFORM_EN,
            text_ar=PLATFORM_AR,
            published_on=date(2026, 12, 7),
        )
    for council in council_model.objects.all():
        if notice.objects.filter(council=council).exists():
            continue
        text = (council.privacy_notice or "").strip()
        notice.objects.create(
            council=council,
            version=1,
            text=text,
            published_on=(council.privacy_notice_updated_on if text else None) or date(2026, 12, 7),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("councils", "0005_council_images_privacy_notice"),
    ]

    operations = [migrations.RunPython(first_versions, migrations.RunPython.noop)]
