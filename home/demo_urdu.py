"""Urdu demo translations of the main pages (demo text: to be checked by an Urdu editor before launch).

Runs last in `seed_demo`, after every app has built its English pages. Safe to run twice.
"""

from wagtail.models import Locale, Page

HOME = {
    "title": "صفحۂ اول",
    "seo_title": "سحر: بلوچستان میں اسمگلنگ کا شکار بچوں کا تحفظ",
    "search_description": (
        "سحر کوئٹہ، تفتان اور گوادر میں ایف آئی اے کے دفاتر کے اندر بچوں کے دوستانہ مراکز چلاتی ہے، "
        "جہاں اسمگلنگ کا شکار بچوں کو دیکھ بھال، قانونی مدد اور محفوظ گھر واپسی ملتی ہے۔"
    ),
    "hero_heading": "سرحد پر ملنے والا ہر بچہ محفوظ گھر واپسی کا حق دار ہے",
    "hero_text": (
        "کوئٹہ، تفتان اور گوادر میں سحر اسمگلنگ سے بچائے گئے بچوں کو محفوظ جگہ، مفت قانونی مدد، "
        "دیکھ بھال اور اپنے خاندان تک واپسی کا راستہ دیتی ہے۔"
    ),
    "mission": (
        "<p>سحر چاہتی ہے کہ پاکستان میں کوئی بچہ خریدا، بیچا یا اسمگل نہ کیا جائے۔ جب بچوں کو سرحد پر "
        "روکا جاتا ہے تو ہم یقینی بناتے ہیں کہ انہیں ہمدردی ملے، قانون کے مطابق مدد ملے اور وہ حفاظت سے "
        "گھر پہنچیں۔</p>"
    ),
    "where_we_work_heading": "ہم کہاں کام کرتے ہیں",
    "where_we_work_text": (
        "ہمارے تین بچوں کے دوستانہ مراکز بلوچستان میں اسمگلنگ کے راستوں پر وفاقی تحقیقاتی ادارے "
        "(ایف آئی اے) کے دفاتر کے اندر ہیں۔"
    ),
    "donate_heading": "کسی بچے کو محفوظ گھر پہنچانے میں مدد کریں",
    "donate_text": "آپ کا عطیہ کھانے، مشاورت، وکیل کے وقت اور اس سفر کا خرچ اٹھاتا ہے جو بچے کو گھر واپس لاتا ہے۔",
}

WHERE_WE_WORK = {
    "title": "ہم کہاں کام کرتے ہیں",
    "search_description": "کوئٹہ، تفتان اور گوادر میں سحر کے بچوں کے دوستانہ مراکز۔",
    "intro": (
        "ہمارے بچوں کے دوستانہ مراکز بلوچستان سے گزرنے والے اسمگلنگ کے راستوں پر ایف آئی اے کے دفاتر کے اندر قائم ہیں۔"
    ),
}

CENTRES = {
    "quetta": {
        "title": "کوئٹہ چائلڈ فرینڈلی سینٹر",
        "city": "کوئٹہ",
        "host_office": "وفاقی تحقیقاتی ادارے (ایف آئی اے) کا دفتر",
        "opening_hours": "دن رات، سال کے ہر دن کھلا ہے: افسران کسی بھی وقت بچے کو یہاں لا سکتے ہیں۔",
        "contact": "کوئٹہ میں ایف آئی اے کے دفتر کے ڈیوٹی افسر، یا سحر کے مرکزی دفتر کے ذریعے۔",
        "listing_summary": "ہمارا پہلا مرکز، بلوچستان کے دارالحکومت میں ایف آئی اے کے دفتر کے اندر۔",
        "description": (
            "<p>کوئٹہ اور اس کے آس پاس روکے گئے بچوں کو سب سے پہلے یہاں لایا جاتا ہے۔ عملہ ہر بچے کے لیے "
            "کھانا، آرام اور بات کرنے کے لیے کسی کا انتظام کرتا ہے، پھر وکیل کا بندوبست کرتا ہے اور خاندان کی "
            "تلاش شروع کرتا ہے۔</p>"
        ),
    },
    "taftan": {
        "title": "تفتان چائلڈ فرینڈلی سینٹر",
        "city": "تفتان",
        "host_office": "وفاقی تحقیقاتی ادارے (ایف آئی اے) کا دفتر",
        "opening_hours": "جب سرحدی گزرگاہ کھلی ہو تب کھلا ہے؛ رات کو عملے کا ایک رکن بلانے پر دستیاب ہوتا ہے۔",
        "contact": "تفتان میں ایف آئی اے کے دفتر کے ڈیوٹی افسر کے ذریعے۔",
        "listing_summary": "ایران کی سرحدی گزرگاہ پر، جہاں بچوں کو پاکستان واپس کیا جاتا ہے۔",
        "description": (
            "<p>تفتان ایران جانے والی سب سے بڑی سرحدی گزرگاہ ہے۔ سرحد پار سے واپس بھیجے گئے بچے اکثر ہفتوں "
            "کے سفر کے بعد تھکے، بھوکے اور خوف زدہ پہنچتے ہیں۔ مرکز انہیں پُرسکون کمرہ، طبی معائنہ اور "
            "مشاورت دیتا ہے جب تک ان کی واپسی کا انتظام ہوتا ہے۔</p>"
        ),
    },
    "gwadar": {
        "title": "گوادر چائلڈ فرینڈلی سینٹر",
        "city": "گوادر",
        "host_office": "وفاقی تحقیقاتی ادارے (ایف آئی اے) کا دفتر",
        "opening_hours": "ہر روز صبح 8 بجے سے شام 8 بجے تک کھلا ہے؛ رات کو بلانے پر دستیاب۔",
        "contact": "گوادر میں ایف آئی اے کے دفتر کے ڈیوٹی افسر کے ذریعے۔",
        "listing_summary": "مکران کے ساحل پر، سمندری راستوں پر روکے گئے بچوں کے لیے۔",
        "description": (
            "<p>گوادر کی بندرگاہ اور ساحل لوگوں کو خلیجی ممالک لے جانے کے لیے استعمال ہوتے ہیں۔ یہاں روکے "
            "گئے بچوں کو بھی وہی سہولتیں ملتی ہیں جو ہمارے دوسرے مراکز میں: قانونی مدد، طبی دیکھ بھال، کھیل "
            "اور گھر کا محفوظ سفر۔</p>"
        ),
    },
}


def translate(page, locale, fields):
    """The live Urdu translation of `page`, made from a copy of the English page if missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific


def seed(demo):
    urdu, _ = Locale.objects.get_or_create(language_code="ur")
    home = translate(demo.home, urdu, HOME)
    index = getattr(demo, "location_index", None)
    if index is not None:
        translate(index, urdu, WHERE_WE_WORK)
        for centre in demo.centres:
            if centre.slug in CENTRES:
                translate(centre, urdu, {**CENTRES[centre.slug], "province": "بلوچستان"})
    demo.urdu_home = home
    return Page.objects.filter(locale=urdu).count()
