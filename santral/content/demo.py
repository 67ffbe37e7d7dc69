"""Demo content: the working group's founding text, news, documents and a publication.

Idempotent: a page is found by its slug under its parent and created only when
missing; topics by slug. Every demo item says it is demo.
"""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from santral.core.demo import demo_image, upsert
from santral.councils.demo import founding_text
from santral.councils.models import Body, Council, CouncilHomePage, HubHomePage

from .files import pdf_thumbnail
from .models import (
    DocumentPage,
    DocumentPageFile,
    InfoPage,
    NewsPage,
    PublicationFile,
    PublicationPage,
    Scope,
    Topic,
)
from .pdf import simple_pdf
from .services import content_page_create, content_page_update, content_translation_set

DEMO_NOTE = "Bu içerik Santral'ın tanıtım (demo) verisidir."
# In the demo PDFs: a page's search text holds its intro and its files' text, and the
# same sentence in both showed twice in the page's search snippet.
DEMO_FILE_NOTE = "Bu belge Santral'ın tanıtım (demo) verisidir."

TOPICS = [
    # (Turkish name, slug, English, Arabic)
    ("Çevre", "cevre", "Environment", "البيئة"),
    ("Kadın", "kadin", "Women", "المرأة"),
    ("Gençlik", "genclik", "Youth", "الشباب"),
    ("Engellilik", "engellilik", "Disability", "الإعاقة"),
    ("Kentsel planlama", "kentsel-planlama", "Urban planning", "التخطيط العمراني"),
    ("Kültür", "kultur", "Culture", "الثقافة"),
    ("Bütçe", "butce", "Budget", "الميزانية"),
    ("Mevzuat", "mevzuat", "Legislation", "التشريعات"),
]


# The founding text in English and Arabic (short summaries) and in easy-read Turkish.
FOUNDING_TRANSLATIONS = [
    {
        "language": "en",
        "variant": "standard",
        "title": "Support and Resources Working Group: founding text",
        "summary": "Aims, scope and first activities of the working group. "
        "This is Santral demo content.",
        "body": "<p>The Support and Resources Working Group was set up so that city councils do "
        "not run short of money or help when they organise activities with civil society "
        "organisations, associations, foundations, central and local government. It also "
        "helps the council develop joint projects with its stakeholders.</p>"
        "<p>The group is voluntary, transparent and participatory, and asks experts for "
        "support when needed. It supports the flow of information, communication and "
        "cooperation between city councils and within each council.</p>"
        "<p>Planned activities: collecting and sharing information on city councils as an "
        "information hub (“Bilgi Santrali”) at international, national and local level; "
        "educational publications and visual materials; a dedicated website; and clear ways "
        "for the municipal budget to cover the councils' expenses.</p>"
        "<p>This is a summary translation; the Turkish text is the original.</p>",
    },
    {
        "language": "ar",
        "variant": "standard",
        "title": "مجموعة عمل الدعم والموارد: نص التأسيس",
        "summary": "أهداف مجموعة العمل ونطاقها وأنشطتها الأولى. هذا محتوى تجريبي من سانترال.",
        "body": "<p>تأسست مجموعة عمل الدعم والموارد حتى لا تواجه مجالس المدن نقصاً في المال أو "
        "الدعم عند تنظيم أنشطتها مع منظمات المجتمع المدني والجمعيات والأوقاف والإدارة "
        "المركزية والمحلية. وتساعد المجموعة المجلس أيضاً على تطوير مشاريع مشتركة مع "
        "شركائه.</p>"
        "<p>تعمل المجموعة على أساس التطوع والشفافية والمشاركة، وتستعين بالخبراء عند "
        "الحاجة. وهي تدعم تبادل المعلومات والتواصل والتعاون بين مجالس المدن وداخل كل "
        "مجلس.</p>"
        "<p>من أنشطتها المخطط لها: جمع المعلومات عن مجالس المدن ومشاركتها بوصفها «مركزاً "
        "للمعلومات» على المستويات الدولية والوطنية والمحلية، وإعداد منشورات تعليمية ومواد "
        "مرئية، وإنشاء موقع إلكتروني خاص، وتوضيح كيفية تغطية ميزانية البلدية لنفقات "
        "المجالس.</p>"
        "<p>هذه ترجمة موجزة، والنص التركي هو الأصل.</p>",
    },
    {
        "language": "tr",
        "variant": "easy",
        "title": "Destek ve Kaynak Çalışma Grubu ne yapar?",
        "summary": "Çalışma grubunu kısa ve kolay cümlelerle anlatıyoruz.",
        "body": "<p>Kent konseyi, kentte yaşayan insanların fikirlerini belediyeye taşır.</p>"
        "<p>Destek ve Kaynak Çalışma Grubu, kent konseyine yardım eder.</p>"
        "<ul><li>Konseyin çalışmaları için para ve destek bulur.</li>"
        "<li>Belediyeden oda, araç ve çalışan desteği ister.</li>"
        "<li>Dernekler ve vakıflarla ortak işler yapar.</li>"
        "<li>Kent konseyleri hakkındaki bilgileri bir internet sitesinde toplar.</li></ul>"
        "<p>Grupta gönüllüler çalışır. Gerekirse uzmanlardan yardım alır.</p>"
        "<p>Bu metin tanıtım (demo) verisidir.</p>",
    },
]


def _ensure_translations(page, translations: list[dict]) -> None:
    existing = set(page.translations.values_list("language", "variant"))
    for translation in translations:
        if (translation["language"], translation["variant"]) not in existing:
            content_translation_set(actor=None, page=page, publish=True, **translation)
            page = type(page).objects.get(pk=page.pk)


def _paragraphs_html(text: str) -> str:
    from django.utils.html import escape

    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def _demo_document(title: str, paragraphs: list[str], filename: str):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = Document(title=title)
    document.file.save(filename, ContentFile(simple_pdf(title, paragraphs)), save=False)
    document.save()
    return document


def _cover_from_pdf(document, title: str):
    """A Wagtail image of the PDF's first page, to serve as the publication's cover."""
    from wagtail.images import get_image_model

    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    with document.file.open("rb") as handle:
        png = pdf_thumbnail(handle.read(), width=600)
    if png is None:
        return None
    from django.core.files.images import get_image_dimensions

    width, height = get_image_dimensions(ContentFile(png))
    image = Image(title=title)
    image.file.save("kaynak-rehberi-kapak.png", ContentFile(png), save=False)
    image.width, image.height = width, height
    image.save()
    return image


def _banner(title: str):
    """A plain generated banner (no photo rights to worry about) as a demo lead image."""
    import io

    from PIL import Image as PillowImage
    from PIL import ImageDraw
    from wagtail.images import get_image_model

    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PillowImage.new("RGB", (1200, 630), "#0b4f6c")
    draw = ImageDraw.Draw(canvas)
    for step, colour in enumerate(("#01baef", "#20bf55", "#fbfbff")):
        draw.rectangle((100 + step * 120, 180, 180 + step * 120, 450), fill=colour)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    image = Image(title=title)
    image.file.save("santral-demo-banner.png", ContentFile(buffer.getvalue()), save=False)
    image.width, image.height = canvas.size
    image.save()
    return image


# Lead images of demo news (santral/core/demo_assets/, own work, CC0):
# (news slug, file, image title, alt text).
NEWS_IMAGES = [
    (
        "kadin-meclisi-mahalle-bulusmalari",
        "kadin-meclisi-kapak.png",
        "Kadın Meclisi buluşması görseli (demo)",
        "Bir halka oluşturan renkli daireler: bir araya gelen insanları anlatan soyut çizim",
    ),
    (
        "genclik-meclisi-iklim-atolyesi",
        "iklim-atolyesi-kapak.png",
        "İklim atölyesi görseli (demo)",
        "Güneşe doğru yükselen yeşil yaprak biçimleri: iklim atölyesini anlatan soyut çizim",
    ),
    (
        "city-council-network-launched",
        "konsey-agi-kapak.png",
        "Konsey ağı görseli (demo)",
        "Çizgilerle birbirine bağlanan noktalar: konseylerin ağını anlatan soyut çizim",
    ),
]


def _ensure(parent, slug: str, page, *, files=(), topics=()) -> None:
    if parent.get_children().filter(slug=slug).exists():
        return
    page.slug = slug
    if files:
        file_model = DocumentPageFile if isinstance(page, DocumentPage) else PublicationFile
        page.files = [file_model(document=document) for document in files]
    if topics:
        page.topics.set(list(Topic.objects.filter(slug__in=topics)))
    content_page_create(actor=None, parent=parent, page=page, publish=True)


@transaction.atomic
def load_content_demo(stdout=None) -> None:
    for name, slug, name_en, name_ar in TOPICS:
        upsert(Topic, slug=slug, defaults={"name": name, "name_en": name_en, "name_ar": name_ar})
    adana = Council.objects.filter(slug="adana-buyuksehir").first()
    if adana is None:
        return
    home = CouncilHomePage.objects.get(council=adana)
    group = Body.objects.filter(council=adana, slug="destek-ve-kaynak-calisma-grubu").first()

    _ensure(
        home,
        "destek-ve-kaynak-calisma-grubu-kurulus-metni",
        InfoPage(
            title="Destek ve Kaynak Çalışma Grubu: kuruluş metni",
            intro="Çalışma grubunun amacı, kapsamı ve ilk etkinlikleri. " + DEMO_NOTE,
            body=_paragraphs_html(founding_text()),
            owner_body=group,
            scope=Scope.LOCAL,
            is_shared=True,
        ),
        topics=["butce", "mevzuat"],
    )
    _ensure_translations(
        InfoPage.objects.child_of(home).get(slug="destek-ve-kaynak-calisma-grubu-kurulus-metni"),
        FOUNDING_TRANSLATIONS,
    )
    news = [
        (
            "bilgi-santrali-yayinda",
            "Bilgi Santrali yayında",
            "Kent konseylerinin haber, belge ve etkinlikleri artık tek bir yerde.",
            "Santral, Adana'daki kent konseylerinin duyurularını, kurul kararlarını ve "
            "etkinlik takvimini bir araya getiriyor. Bir konseyin sayfasından bütçesine, "
            "etkinliklerine ve bültenine ulaşılabiliyor.",
            "tr",
            True,
            ["kultur"],
        ),
        (
            "kadin-meclisi-mahalle-bulusmalari",
            "Kadın Meclisi mahalle buluşmalarına başlıyor",
            "Kadın Meclisi, Seyhan ve Çukurova'da mahalle buluşmaları düzenleyecek.",
            "Buluşmalarda kadınların kent hizmetlerine erişimi, güvenli sokaklar ve çocuk "
            "bakımı konuşulacak. İlk buluşma Seyhan'daki mahalle evinde; katılım ücretsiz.",
            "tr",
            False,
            ["kadin"],
        ),
        (
            "genclik-meclisi-iklim-atolyesi",
            "Gençlik Meclisi'nden iklim atölyesi",
            "Gençler, kentin iklim uyum planına öneriler hazırladı.",
            # The search page's hints ("cevre = çevre", "gençlik meclisi") find this text.
            "Atölyede Gençlik Meclisi üyeleri sıcak hava dalgalarına karşı gölge ve yeşil "
            "alan, Seyhan Nehri kıyısının korunması ve bisiklet yolları üzerine çalıştı. "
            "Çevre ve iklim önerileri Büyükşehir Belediyesi'nin çevre komisyonuna sunulacak.",
            "tr",
            True,
            ["genclik", "cevre"],
        ),
        (
            "city-council-network-launched",
            "Adana City Council joins the information hub",
            "News, documents and events of Adana's city councils are now shared online.",
            "The hub brings together the announcements, decisions and event calendars of "
            "Adana's four city councils. Each council keeps its own pages; what it shares "
            "also appears on the network's pages.",
            "en",
            True,
            ["kultur"],
        ),
    ]
    banner = _banner("Santral tanıtım görseli (demo)")
    images = {
        slug: (
            demo_image(filename, title=title, description=alt, renditions=("fill-640x360",)),
            alt,
        )
        for slug, filename, title, alt in NEWS_IMAGES
    }
    # The body goes on from the intro: search_text holds both, and a body that repeated
    # the intro showed the same sentence twice in its search snippet.
    for slug, title, intro, text, language, shared, topics in news:
        _ensure(
            home,
            slug,
            NewsPage(
                title=title,
                intro=intro,
                body=f"<p>{text}</p><p>{DEMO_NOTE}</p>",
                language=language,
                is_shared=shared,
                lead_image=images[slug][0] if slug in images else banner,
                lead_image_alt=images[slug][1]
                if slug in images
                else "Koyu mavi zemin üzerinde üç renkli dikey şerit (demo görseli)",
            ),
            topics=topics,
        )
    # Demo databases made before these images existed get them once, as a new revision.
    for page in NewsPage.objects.child_of(home).filter(
        slug__in=list(images), lead_image__isnull=True
    ):
        image, alt = images[page.slug]
        content_page_update(
            actor=None, page=page, publish=True, lead_image=image, lead_image_alt=alt
        )

    decision = _demo_document(
        "Yürütme Kurulu kararı 2026/12 (demo)",
        [
            "Adana Büyükşehir Kent Konseyi Yürütme Kurulu, Destek ve Kaynak Çalışma Grubu'nun "
            "Bilgi Santrali önerisini görüşmüş ve oy birliğiyle kabul etmiştir.",
            DEMO_FILE_NOTE,
        ],
        "yurutme-kurulu-karari-2026-12.pdf",
    )
    _ensure(
        home,
        "yurutme-kurulu-karari-2026-12",
        DocumentPage(
            title="Yürütme Kurulu kararı: Bilgi Santrali",
            intro="Bilgi Santrali önerisinin kabulü. " + DEMO_NOTE,
            document_type="decision",
            document_date=date(2026, 10, 15),
            number="2026/12",
        ),
        files=[decision],
        topics=["mevzuat"],
    )
    guide_text = [
        "Bu kitapçık, kent konseylerinin belediye bütçesinden ve ayni destekten nasıl "
        "yararlanabileceğini anlatır (5393 sayılı Belediye Kanunu md. 76).",
        "Belediye, kent konseyinin çalışmalarına yardım ve destek sağlar; kanun bir tutar "
        "ya da bütçe kalemi belirlemez. Destek, belediye birimlerinin ödenekleri ve ayni "
        "katkılar (ofis, personel, salon, baskı, araç) yoluyla verilir.",
        "Hazırlayan: Destek ve Kaynak Çalışma Grubu. Tasarım iş birliği: Adana Grafik "
        "Tasarımcılar Derneği.",
        DEMO_FILE_NOTE,
    ]
    booklet = _demo_document(
        "Kent Konseyleri için Kaynak Rehberi (demo)", guide_text, "kaynak-rehberi.pdf"
    )
    cover = _cover_from_pdf(booklet, "Kaynak Rehberi kapağı (demo)")
    _ensure(
        home,
        "kent-konseyleri-icin-kaynak-rehberi",
        PublicationPage(
            title="Kent Konseyleri için Kaynak Rehberi",
            intro="Belediye desteği ve ayni katkılar üzerine bir eğitim kitapçığı. " + DEMO_NOTE,
            # What the booklet covers, not its text again (that comes from the PDF).
            body="<p>Kitapçık, bir kent konseyinin belediyeden hangi desteği nasıl "
            "isteyebileceğini örneklerle anlatır: birimlerin ödenekleri, salon ve araç gibi "
            "ayni katkılar, başvuru yazısı örneği.</p>",
            publication_kind="booklet",
            authors="Destek ve Kaynak Çalışma Grubu",
            partners="Adana Grafik Tasarımcılar Derneği",
            licence="cc-by-4.0",
            published_on=date(2026, 11, 1),
            owner_body=group,
            is_shared=True,
            cover_image=cover,
            cover_image_alt="Kent Konseyleri için Kaynak Rehberi kitapçığının kapağı",
        ),
        files=[booklet],
        topics=["butce"],
    )
    hub = HubHomePage.objects.first()
    agenda = _demo_document(
        "Local Agenda 21 summary (demo)",
        [
            "Local Agenda 21 asks local governments to work with their citizens, "
            "organisations and businesses on sustainable development.",
            "This is Santral demo material, not the official text.",
        ],
        "local-agenda-21-summary.pdf",
    )
    _ensure(
        hub,
        "local-agenda-21-summary",
        DocumentPage(
            title="Local Agenda 21: a short summary",
            intro="International background of Turkey's city councils (demo material).",
            document_type="report",
            document_date=date(2026, 9, 1),
            scope=Scope.INTERNATIONAL,
            language="en",
            is_shared=True,
        ),
        files=[agenda],
        topics=["mevzuat"],
    )
