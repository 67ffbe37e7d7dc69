"""Benchmark: time and peak memory per social card and per A4/A3 poster (santral/visuals).

    .venv/bin/python bench/visual_cards.py [N] [--screenshots DIR]

Each template size runs in its own fresh process (so its peak resident memory is its own):
one warm-up rendering (fonts, Pango), then N renderings (default 10) of PDF + exact-size
PNG, each with the text-fitting loop and a QR code, as the task does. Prints median and
worst seconds per rendering and the process's peak RSS (getrusage maxrss). No database:
the data is a fixed sample in the shape `santral.visuals.data` builds. With
--screenshots, each template is also written as PNG in tr, en and ar to DIR.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JOBS = [
    ("event-card", "square"),
    ("event-card", "wide"),
    ("news-card", "wide"),
    ("news-card", "square"),
    ("budget-glance", "square"),
    ("who-took-part", "square"),
    ("event-poster", "a4"),
    ("event-poster", "a3"),
    ("budget-glance", "a4"),
]
BRAND = {
    "short_name": "Seyhan KK",
    "primary": "#0B4F6C",
    "on_primary": "#FFFFFF",
    "accent": "#9E2A2B",
    "typeface": "DejaVu Sans",
}
TEXT = {
    "tr": {
        "title": "Gençlik Meclisi İklim Çalıştayı: Şehrimizin Geleceği",
        "summary": "15–29 yaş arası gençleri iklim uyumu üzerine önerilerini meclise "
        "taşımaya çağırıyoruz. Katılım ücretsizdir; çocuk bakımı sağlanır.",
        "date": "14 Aralık 2026",
        "venue": "Seyhan Belediyesi Kültür Merkezi, Büyük Salon",
    },
    "en": {
        "title": "Youth Council Climate Workshop: The Future of Our City",
        "summary": "We invite young people aged 15–29 to bring their proposals on "
        "climate adaptation to the assembly. Free; childcare provided.",
        "date": "14 December 2026",
        "venue": "Seyhan Municipality Culture Centre, Main Hall",
    },
    "ar": {
        "title": "ورشة مجلس الشباب حول المناخ: مستقبل مدينتنا",
        "summary": "ندعو الشباب من سن 15 إلى 29 لنقل مقترحاتهم حول التكيف مع المناخ إلى "
        "المجلس. المشاركة مجانية مع رعاية الأطفال.",
        "date": "14 ديسمبر، 2026",
        "venue": "مركز ثقافة بلدية سيحان، القاعة الكبرى",
    },
}


def sample_context(kind: str, language: str) -> dict:
    from django.utils import translation

    from santral.visuals.render import qr_data_uri

    text = TEXT[language]
    with translation.override(language):
        from django.utils.translation import gettext as _

        labels = {
            "date": _("Tarih"),
            "time": _("Saat"),
            "venue": _("Yer"),
            "scan": _("Ayrıntılar ve kayıt için okutun"),
            "event": _("Etkinlik"),
            "news": _("Haber"),
            "revised": _("Revize ödenek"),
            "paid": _("Ödenen"),
            "in_kind": _("Ayni katkılar"),
            "routes": _("Ödeme yoluna göre"),
            "note": _("Kent konseyinin kendi bütçesi yoktur."),
            "activities": _("Etkinlik"),
            "participants": _("Katılımcı"),
            "share": _("Katılımdaki payı"),
            "population_share": _("Nüfustaki payı"),
        }
    money = "1.250.000,00 TL" if language != "en" else "1,250,000.00 TL"
    return {
        "lang": language,
        "dir": "rtl" if language == "ar" else "ltr",
        "council_name": "Seyhan Kent Konseyi",
        "brand": BRAND,
        "logo": "",
        "url": "https://santral.example/seyhan/etkinlik-1/",
        "qr": qr_data_uri("https://santral.example/seyhan/etkinlik-1/"),
        "title": text["title"] if kind in ("event", "news") else "2026",
        "summary": text["summary"],
        "text_lang": language,
        "date": text["date"],
        "time": "14:00",
        "venue": text["venue"],
        "address": "Reşatbey Mah. Atatürk Cad. No: 1, Seyhan/Adana",
        "labels": labels,
        "year": 2026,
        "show_in_kind": True,
        "figures": {"revised": money, "paid": money, "in_kind": money},
        "routes": [
            {"label": label, "revised": money, "paid": money}
            for label in ("İlgili belediye birimi", "Özel Kalem Müdürlüğü", "Konsey proje hesabı")
        ],
        "activities": "42",
        "participants": "1.240",
        "rows": [
            {"name": name, "participants": "300", "share": "%24,19", "population_share": "%25,00"}
            for name in ("Kadınlar", "Gençler", "Engelliler", "Yaşlılar", "Göçmenler")
        ],
    }


def run_one(slug: str, size_name: str, count: int, screenshots: str) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()
    from santral.visuals.bundles import bundle_get
    from santral.visuals.render import render_bundle

    baseline = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )  # Django and WeasyPrint loaded, nothing rendered
    bundle = bundle_get(slug)
    size = bundle.size(size_name)
    contexts = {lang: sample_context(bundle.kind, lang) for lang in ("tr", "en", "ar")}
    render_bundle(bundle=bundle, size=size, context=contexts["tr"], language="tr")  # warm-up
    seconds = []
    for index in range(count):
        language = ("tr", "en", "ar")[index % 3]
        started = time.perf_counter()
        rendered = render_bundle(
            bundle=bundle, size=size, context=contexts[language], language=language
        )
        seconds.append(time.perf_counter() - started)
        assert (rendered.width, rendered.height) == (size.width_px, size.height_px)
    if screenshots:
        folder = Path(screenshots)
        folder.mkdir(parents=True, exist_ok=True)
        for language, context in contexts.items():
            out = render_bundle(bundle=bundle, size=size, context=context, language=language)
            (folder / f"{slug}-{size_name}-{language}.png").write_bytes(out.png)
    return {
        "template": f"{slug}/{size_name}",
        "pixels": f"{size.width_px}x{size.height_px}",
        "median_s": round(statistics.median(seconds), 3),
        "max_s": round(max(seconds), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "django_rss_mb": round(baseline, 1),
    }


def main() -> None:
    args = sys.argv[1:]
    screenshots = ""
    if "--screenshots" in args:
        at = args.index("--screenshots")
        screenshots = args[at + 1]
        del args[at : at + 2]
    if args and args[0] == "--one":
        print(json.dumps(run_one(args[1], args[2], int(args[3]), screenshots)))
        return
    count = int(args[0]) if args else 10
    print(
        f"{'template':28} {'pixels':>10} {'median s':>9} {'max s':>7} {'peak RSS MB':>12} "
        f"{'before render MB':>16}"
    )
    for slug, size_name in JOBS:
        command = [sys.executable, __file__, "--one", slug, size_name, str(count)]
        if screenshots:
            command += ["--screenshots", screenshots]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        row = json.loads(output.strip().splitlines()[-1])
        print(
            f"{row['template']:28} {row['pixels']:>10} {row['median_s']:>9} "
            f"{row['max_s']:>7} {row['peak_rss_mb']:>12} {row['django_rss_mb']:>16}"
        )


if __name__ == "__main__":
    main()
