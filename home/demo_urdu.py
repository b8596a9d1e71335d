"""Urdu demo translations of the main pages (demo text: to be checked by an Urdu editor before launch).

The home page, Where We Work, the three centres, the programme and the donate page; About,
Get help, Browse safely and the footer's pages; Awareness with one article; the topics,
the services and the saved call to action (snippets, translated like pages); the help
line in every footer.

Runs last in `seed_demo`, after every app has built its English pages. Safe to run twice.
"""

from wagtail.models import Locale, Page

from awareness.models import Topic
from core.demo import heading, paragraph
from locations.models import Service

from .models import CallToAction, ContactSettings

HELP_LINE = {
    "help_heading_ur": "ابھی مدد چاہیے؟",
    "help_text_ur": (
        "اگر آپ کو لگتا ہے کہ کسی بچے کو اسمگل کیا جا رہا ہے، یا آپ کے آس پاس کوئی بچہ خطرے میں ہے، "
        "تو ہیلپ لائن پر کال کریں۔ کال مفت ہے اور آپ کو اپنا نام بتانے کی ضرورت نہیں۔"
    ),
    "helpline_name_ur": "بچوں کے تحفظ کی ہیلپ لائن",
    "address_ur": "\n".join(["سحر ہیڈ آفس", "کوئٹہ، بلوچستان", "پاکستان"]),
}

# The shared list of services, by slug: (name, description).
SERVICES = {
    "child-friendly-care": ("بچوں کے لیے دوستانہ دیکھ بھال", "تربیت یافتہ عملے کے ساتھ ایک محفوظ اور پرسکون جگہ۔"),
    "nutrition": ("غذائیت", "کھانا اور غذائی ضمیمے۔"),
    "legal-aid": ("قانونی مدد", "مفت قانونی مشورہ اور نمائندگی۔"),
    "psychosocial-counselling": ("نفسیاتی و سماجی مشاورت", "بچوں کو سنبھلنے میں مدد کے لیے مشاورت۔"),
    "medical-aid": ("طبی امداد", "طبی معائنہ اور علاج۔"),
    "recreation": ("تفریح", "کھیل، ورزش، ڈرائنگ اور دوسری سرگرمیاں۔"),
    "family-reunification": ("خاندان سے دوبارہ ملاپ", "خاندان کی تلاش اور محفوظ گھر واپسی۔"),
}

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

PROGRAMME = {
    "title": "اسمگلنگ کا شکار بچوں کی روک تھام اور تحفظ",
    "search_description": "بلوچستان میں اسمگلنگ کا شکار بچوں کے لیے دیکھ بھال، قانونی مدد اور خاندان سے ملاپ۔",
    "summary": (
        "بلوچستان سے گزرنے والے اسمگلنگ کے راستوں پر ملنے والے بچوں کو رہنے کی محفوظ جگہ، مفت قانونی مدد، "
        "طبی دیکھ بھال، مشاورت اور اپنے خاندان تک واپسی میں مدد ملتی ہے۔"
    ),
    "body": [
        heading("مسئلہ"),
        paragraph(
            "<p>جہاں بچوں کے حقوق نظر انداز ہوں اور خاندان مجبور ہوں، وہاں اسمگلنگ بڑھتی ہے۔ اسمگلر بہت پیسہ "
            "کماتے ہیں، کبھی کسی رشتہ دار کی مدد سے، اور اس کی قیمت بچے اپنی حفاظت، اپنی تعلیم اور اپنے بچپن "
            "سے چکاتے ہیں۔</p>"
        ),
        heading("مراکز میں کیا ہوتا ہے"),
        paragraph(
            "<ul><li>حوالات سے دور ایک پُرسکون کمرہ، جو بچوں کے لیے بنایا گیا ہے</li>"
            "<li>کھانا اور غذائی سپلیمنٹ</li>"
            "<li>مفت قانونی مدد</li><li>نفسیاتی اور سماجی مشاورت</li><li>طبی امداد</li>"
            "<li>کھیل، ڈرائنگ اور دوسری تفریح</li>"
            "<li>خاندانوں کی تلاش اور بچوں کی گھر واپسی</li></ul>"
        ),
        {
            "type": "quote",
            "value": {
                "quote": "سرحد کے بعد بچے کو سب سے پہلے کھانا اور ایک نرم بول چاہیے، کوئی فارم نہیں۔",
                "attribution": "تفتان میں سحر کی ایک کیس ورکر",
            },
        },
    ],
}

DONATE = {
    "title": "عطیہ دیں",
    "search_description": "ایک بار یا ہر مہینے عطیہ دیں تاکہ بلوچستان میں اسمگلنگ کا شکار بچے حفاظت سے گھر پہنچ سکیں۔",
    "intro": (
        "ہر عطیہ کسی بچے کے کھانے، وکیل کے وقت، مشاورت اور گھر واپسی کے سفر کا خرچ اٹھاتا ہے۔ ایک بار عطیہ دیں، "
        "یا ہر مہینے، تاکہ مراکز آگے کی منصوبہ بندی کر سکیں۔"
    ),
    "designation_text": (
        "زکوٰۃ الگ رکھی جاتی ہے اور صرف ہمارے مراکز کے بچوں پر خرچ ہوتی ہے: ان کے کھانے، دیکھ بھال اور گھر واپسی پر۔"
    ),
    "monthly_offer_text": (
        "کیا آپ اس کے بجائے ہر مہینے {amount} دے سکتے ہیں؟ باقاعدہ عطیات سے مراکز آگے کی منصوبہ بندی کر سکتے ہیں۔"
    ),
}

# What each preset amount on the donate page does, by its English words (the same words
# serve PKR and USD amounts alike).
PRESETS = {
    "Hot meals for a child for three days": "ایک بچے کے لیے تین دن کا گرم کھانا",
    "A week of meals at a centre": "ایک مرکز میں ایک ہفتے کا کھانا",
    "A counsellor's session with a child": "کسی بچے کے ساتھ مشیر کی ایک نشست",
    "A child's journey home with an escort": "ایک بچے کا نگران کے ساتھ گھر واپسی کا سفر",
    "A month of legal help for one child": "ایک بچے کے لیے ایک مہینے کی قانونی مدد",
    "A warm blanket each month": "ہر مہینے ایک گرم کمبل",
    "A week of meals, every month": "ہر مہینے ایک ہفتے کا کھانا",
    "A lawyer's hour, every month": "ہر مہینے وکیل کا ایک گھنٹہ",
    "A counsellor's week, every month": "ہر مہینے مشیر کا ایک ہفتہ",
    "A counsellor's session, every month": "ہر مہینے مشیر کی ایک نشست",
    "A journey home, every month": "ہر مہینے ایک بچے کا گھر واپسی کا سفر",
    "Legal help for a child, every month": "ہر مہینے ایک بچے کے لیے قانونی مدد",
}


PROGRAMME_INDEX = {
    "title": "ہمارا کام",
    "search_description": "اسمگلنگ کا شکار یا اس کے خطرے میں بچوں کے لیے سحر کے پروگرام۔",
    "intro": "ہمارا ہر کام ایک سوال سے شروع ہوتا ہے: اس بچے کو آج رات، اور ہمیشہ کے لیے، محفوظ رہنے کے لیے کیا چاہیے؟",
}


# Pages a reader at risk needs first, and the pages every footer links to.
STANDARD_PAGES = {
    "about": {
        "title": "سحر کے بارے میں",
        "search_description": "ہم کون ہیں اور سحر بلوچستان میں اسمگلنگ کا شکار بچوں کے ساتھ کیوں کام کرتی ہے۔",
        "intro": (
            "سحر پاکستان میں بچوں کے تحفظ کی ایک تنظیم ہے۔ ہم بچوں کے ساتھ اس وقت کھڑے ہوتے ہیں جب وہ سب سے "
            "زیادہ اکیلے ہوتے ہیں: جب انہیں اسمگلنگ کے کسی راستے پر روکا جاتا ہے۔"
        ),
        "body": [
            heading("بلوچستان ہی کیوں"),
            paragraph(
                "<p>بلوچستان کی سرحدیں ایران اور افغانستان سے ملتی ہیں۔ اسمگلر لوگوں کو انہی راستوں سے خلیجی "
                "ممالک، ترکی اور یورپ کی طرف لے جاتے ہیں، اور بچے بھی انہی سڑکوں پر لے جائے جاتے ہیں۔</p>"
            ),
            heading("ہم کیسے کام کرتے ہیں"),
            paragraph(
                "<p>ہمارے مراکز ایف آئی اے کے دفاتر کے اندر ہیں، اس لیے بچے کی دیکھ بھال پہلے گھنٹے سے شروع ہو "
                "جاتی ہے اور اسے ایک میز سے دوسری میز تک نہیں بھٹکنا پڑتا۔</p>"
            ),
        ],
    },
    "get-help": {
        "title": "مدد حاصل کریں",
        "search_description": "بچوں کی اسمگلنگ کے شبے کی اطلاع دیں، یا خطرے میں کسی بچے کے لیے مدد لیں۔",
        "intro": (
            "اگر آپ کو لگتا ہے کہ کسی بچے کو اسمگل کیا جا رہا ہے تو کال کرنے کے لیے ثبوت کی ضرورت نہیں۔ "
            "کسی ایسے شخص کو بتائیں جو کچھ کر سکے۔"
        ),
        "body": [
            {"type": "help_callout", "value": None},
            heading("کال کرنے پر کیا ہوتا ہے"),
            paragraph(
                "<p>ہیلپ لائن پوچھتی ہے کہ آپ نے کیا دیکھا، کہاں اور کب۔ آپ اپنا نام بتائے بغیر بات کر سکتے ہیں۔ "
                "اگر بچہ فوری خطرے میں ہو تو پولیس بھیجی جاتی ہے؛ ورنہ بچوں کے تحفظ کا ایک افسر معاملہ دیکھتا ہے۔</p>"
            ),
            heading("سرحدی گزرگاہ یا ہوائی اڈے پر"),
            paragraph(
                "<p>ایف آئی اے کے کسی افسر کو بتائیں۔ کوئٹہ، تفتان اور گوادر میں وہ جن بچوں کو روکتے ہیں انہیں "
                "ایف آئی اے کے دفاتر میں ہمارے مراکز میں لایا جاتا ہے۔</p>"
            ),
        ],
    },
    "browse-safely": {
        "title": "محفوظ طریقے سے براؤز کریں",
        "search_description": "یہ ویب سائٹ اس طرح پڑھیں کہ دوسروں کو پتا نہ چلے: پرائیویٹ براؤزنگ اور ہسٹری صاف کرنا۔",
        "intro": (
            "اگر آپ کا فون یا کمپیوٹر کوئی اور بھی استعمال کرتا ہے، یا کوئی دیکھتا ہے کہ آپ کیا پڑھتے ہیں، "
            "تو یہ طریقے اس ویب سائٹ پر آپ کی آمد کو چھپانے میں مدد دیتے ہیں۔"
        ),
        "body": [
            heading("فوراً نکلیں"),
            paragraph(
                "<p>ہر صفحے کے اوپر <b>یہ صفحہ فوراً چھوڑیں</b> کا بٹن ہے۔ یہ اس صفحے کی جگہ موسم کا ایک صفحہ "
                "کھول دیتا ہے۔ کی بورڈ پر Shift کا بٹن تین بار دبانے سے بھی یہی ہوتا ہے۔</p>"
            ),
            heading("پرائیویٹ ونڈو استعمال کریں"),
            paragraph(
                "<p>پرائیویٹ ونڈو (کروم میں Incognito، ایج میں InPrivate، سفاری اور فائرفاکس میں Private) بند "
                "کرنے پر دیکھے گئے صفحات بھول جاتی ہے۔ اسے براؤزر کے مینو سے کھولیں۔ دفتر یا اسکول کے نیٹ ورک کا "
                "مالک پھر بھی دیکھ سکتا ہے کہ آپ نے کون سی ویب سائٹ کھولی۔</p>"
            ),
            heading("ہسٹری صاف کریں"),
            paragraph(
                "<p>اگر آپ نے پرائیویٹ ونڈو استعمال نہیں کی تو براؤزر کی سیٹنگز میں ہسٹری کھولیں اور اس ویب "
                "سائٹ کے صفحات مٹا دیں۔ ساری ہسٹری مٹانا بھی کسی کی نظر میں آ سکتا ہے؛ صرف یہ صفحات مٹانا کم "
                "نمایاں ہے۔</p>"
            ),
            heading("کالیں اور پیغامات"),
            paragraph(
                "<p>ہیلپ لائن پر کال آپ کے فون کی کال لسٹ میں نظر آتی ہے۔ ضرورت ہو تو اسے وہاں سے مٹا دیں۔ "
                "ہیلپ لائن آپ کے کہے بغیر واپس کال نہیں کرتی۔</p>"
            ),
        ],
    },
    "privacy": {
        "title": "رازداری کا نوٹس",
        "search_description": "سحر عطیہ دہندگان، ویب سائٹ دیکھنے والوں اور عملے کے ذاتی ڈیٹا کو کیسے سنبھالتی ہے۔",
        "intro": "ہم کم سے کم معلومات جمع کرتے ہیں اور کوئی ایسی چیز شائع نہیں کرتے جس سے کسی بچے کی پہچان ہو سکے۔",
        "body": [
            heading("ویب سائٹ دیکھنے والے"),
            paragraph(
                "<p>یہ ویب سائٹ اشتہار یا تجزیے کی کوئی کوکی نہیں لگاتی اور دوسری کمپنیوں سے کچھ نہیں منگواتی۔ "
                "ہمارے سرور ویب سائٹ کی حفاظت کے لیے مختصر تکنیکی ریکارڈ رکھتے ہیں۔</p>"
            ),
            heading("عطیہ دہندگان"),
            paragraph(
                "<p>آن لائن عطیہ دیتے وقت آپ کے کارڈ کی تفصیلات سیدھی ہمارے ادائیگی کے ادارے اسٹرائپ کو جاتی ہیں؛ "
                "ہم انہیں کبھی نہیں دیکھتے۔ رسید بھیجنے کے لیے ہم آپ کا نام، ای میل اور عطیہ محفوظ رکھتے ہیں۔</p>"
            ),
            heading("بچے"),
            paragraph(
                "<p>ہم صرف گول کیے ہوئے مجموعی اعداد شائع کرتے ہیں، کبھی اتنے چھوٹے اعداد نہیں جو کسی ایک بچے "
                "کی طرف اشارہ کریں، اور کبھی کسی بچے کا اصل نام، چہرہ یا گھر نہیں۔</p>"
            ),
        ],
    },
    "accessibility": {
        "title": "رسائی کا بیان",
        "search_description": "یہ ویب سائٹ کتنی قابلِ رسائی ہے، ہم نے کیا جانچا، کیا کمی باقی ہے اور ہمیں کیسے بتائیں۔",
        "intro": (
            "ہم چاہتے ہیں کہ ہر کوئی یہ ویب سائٹ استعمال کر سکے، پرانے فون پر، اسکرین ریڈر کے ساتھ، صرف "
            "کی بورڈ سے یا جاوا اسکرپٹ بند کر کے بھی۔"
        ),
        "body": [
            heading("ہم نے کیسے جانچا"),
            paragraph(
                "<p>انگریزی اور اردو میں ہر قسم کے صفحے کو کرومیم میں axe-core کے ذریعے WCAG 2.2 کے A اور AA "
                "معیار پر، فون اور ڈیسک ٹاپ دونوں چوڑائیوں پر خودکار طریقے سے جانچا جاتا ہے۔ ہم اہم کام (مدد "
                "ڈھونڈنا، مضمون پڑھنا، عطیہ دینا) صرف کی بورڈ سے بھی کر کے دیکھتے ہیں، اور یہ بھی کہ صفحات اور "
                "عطیہ جاوا اسکرپٹ کے بغیر کام کریں۔</p>"
            ),
            heading("جو ابھی ٹھیک نہیں"),
            paragraph(
                "<ul><li>کچھ صفحات ابھی اردو میں نہیں؛ اردو مینو انگریزی صفحے کا لنک دیتا ہے اور یہ بتاتا ہے۔</li>"
                "<li>اردو متن کو ابھی کسی اہلِ زبان مدیر نے نہیں جانچا۔</li>"
                "<li>ہم نے ابھی ان لوگوں کے ساتھ جانچ نہیں کی جو روزانہ اسکرین ریڈر استعمال کرتے ہیں۔</li>"
                "<li>سست کنکشن پر اردو فونٹ پہلی بار لوڈ ہونے میں وقت لیتا ہے۔</li></ul>"
            ),
            heading("کسی رکاوٹ کے بارے میں بتائیں"),
            paragraph(
                "<p>اگر اس ویب سائٹ پر کوئی چیز آپ کے لیے کام نہیں کرتی تو دفتر کو ای میل یا فون کریں (تفصیلات "
                "ہر صفحے کے آخر میں ہیں)۔ صفحہ اور مسئلہ بتائیں؛ ہم دس کاروباری دنوں میں جواب دیتے ہیں۔</p>"
            ),
        ],
    },
    "registration": {
        "title": "رجسٹریشن کی تفصیلات",
        "search_description": "سحر کی قانونی رجسٹریشن، انتظام اور حسابات۔",
        "intro": "سحر پاکستان میں رجسٹرڈ ایک غیر منافع بخش تنظیم ہے۔",
        "body": [
            heading("رجسٹریشن"),
            paragraph(
                "<p>نمونے کا متن: لانچ سے پہلے مدیر یہاں رجسٹر کرنے والا ادارہ، رجسٹریشن نمبر اور تاریخ لکھے گا۔</p>"
            ),
            heading("حسابات"),
            paragraph(
                "<p>ہمارے حسابات کا ہر سال آڈٹ ہوتا ہے۔ تازہ ترین آڈٹ شدہ حسابات کی نقل کے لیے دفتر کو لکھیں۔</p>"
            ),
        ],
    },
}

AWARENESS = {
    "title": "آگاہی",
    "search_description": "بچوں کی اسمگلنگ کو کیسے پہچانیں، کیسے روکیں، اور سحر کی خبریں۔",
    "intro": "خاندانوں اور اساتذہ کے لیے رہنمائی، اسمگلنگ کی نشانیاں، اور مراکز سے خبریں۔",
}

ARTICLES = {
    "signs-a-child-is-being-trafficked": {
        "title": "سات نشانیاں کہ کسی بچے کو اسمگل کیا جا رہا ہو",
        "search_description": "اسمگل کیے جانے والے بچے کم ہی مدد مانگتے ہیں۔ یہ نشانیاں ہیلپ لائن پر کال کی وجہ ہیں۔",
        "summary": (
            "اسمگل کیے جانے والے بچے کم ہی مدد مانگتے ہیں۔ یہ نشانیاں، اکٹھی نظر آئیں، تو ہیلپ لائن پر کال کریں۔"
        ),
        "body": [
            paragraph(
                "<ul><li>بچہ کسی ایسے بڑے کے ساتھ سفر کر رہا ہے جو والدین میں سے نہیں اور اس کی جگہ جواب دیتا ہے۔</li>"
                "<li>بچے کے شناختی کاغذات کسی اور کے پاس ہیں۔</li>"
                "<li>بچے کو معلوم نہیں کہ وہ کہاں جا رہا ہے، یا وہ رٹی رٹائی کہانی سناتا ہے۔</li>"
                "<li>بچہ ڈرا ہوا، تھکا ہوا یا بھوکا لگتا ہے۔</li>"
                "<li>خاندان سے بیرونِ ملک نوکری یا اسکول کا وعدہ کر کے بڑی رقم لی گئی۔</li>"
                "<li>بچہ اسکول نہیں جاتا اور گھر سے دور لمبے گھنٹے کام کرتا ہے۔</li>"
                "<li>کسی لڑکی کی شادی جلدی میں، دور، کسی اجنبی سے کی جا رہی ہے۔</li></ul>"
            ),
            heading("کیا کریں"),
            paragraph(
                "<p>اس بڑے سے الجھیں نہیں۔ جو دیکھا وہ لکھ لیں اور بچوں کے تحفظ کی ہیلپ لائن یا پولیس کو کال کریں۔ "
                "آپ کو یقین ہونا ضروری نہیں؛ فیصلہ وہ کریں گے۔</p>"
            ),
            {"type": "help_callout", "value": None},
        ],
    },
}

# Topics, by slug: (name, description) in Urdu.
TOPICS = {
    "signs-of-trafficking": ("اسمگلنگ کی نشانیاں", "کیسے پہچانیں کہ کسی بچے کو اسمگل کیا جا رہا ہو۔"),
    "safe-migration": ("محفوظ نقل مکانی", "کسی کے کام کے لیے باہر جانے سے پہلے خاندان کیا جانیں۔"),
    "for-parents": ("والدین کے لیے", "ماؤں، باپوں اور سرپرستوں کے لیے سیدھے مشورے۔"),
    "news": ("خبریں", "مراکز اور سحر کے کام میں نیا کیا ہے۔"),
    "stories": ("کہانیاں", "بچوں کے سفر، ان کی رضامندی سے اور نام بدل کر۔"),
}


# Saved calls to action, by name: their Urdu wording (the name stays, for the chooser).
CALLS_TO_ACTION = {
    "Give monthly": {
        "heading": "ہر مہینے کسی بچے کا ساتھ دیں",
        "text": "ماہانہ عطیہ مراکز کو آگے کی منصوبہ بندی کا موقع دیتا ہے: مشیر کی تنخواہ، کھانا، گھر واپسی کا کرایہ۔",
        "link_text": "ہر مہینے عطیہ دیں",
    },
}


def translate_snippet(snippet, locale, fields):
    """The live Urdu translation of a topic, service or call to action, made from a copy if missing."""
    existing = snippet.get_translation_or_none(locale)
    if existing is not None:
        return existing
    translation = snippet.copy_for_translation(locale)
    translation.latest_revision = translation.live_revision = None
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    translation.save_revision().publish()  # so its history starts with this version
    return translation


def with_saved_calls(fields, english):
    """The Urdu body, ending with the saved calls to action the English page ends with.

    They keep pointing at the English call to action: Urdu pages show its Urdu translation.
    """
    saved = [
        (block.block_type, getattr(block.value, "pk", None))
        for block in english.body
        if block.block_type == "saved_call_to_action"
    ]
    body = [*fields["body"], *({"type": kind, "value": pk} for kind, pk in saved if pk)]
    return {**fields, "body": body}


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


def describe_presets_in_urdu(donate):
    """The copied presets still say what they do in English: say it in Urdu, in a published revision.

    Safe to run twice: a preset already in Urdu (or reworded by an editor) is left alone.
    """
    presets = list(donate.preset_amounts.all())
    english = [preset for preset in presets if preset.description in PRESETS]
    if not english:
        return
    for preset in english:
        preset.description = PRESETS[preset.description]
    donate.preset_amounts = presets
    donate.save_revision().publish()


def seed(demo):
    urdu, _ = Locale.objects.get_or_create(language_code="ur")
    contact = ContactSettings.for_site(demo.site)
    if not contact.help_text_ur:  # the footer's help line, in Urdu on Urdu pages
        for name, value in HELP_LINE.items():
            setattr(contact, name, value)
        contact.save()
    for service in Service.originals().filter(slug__in=SERVICES):
        name, description = SERVICES[service.slug]
        translate_snippet(service, urdu, {"name": name, "description": description})
    for call in CallToAction.originals().filter(name__in=CALLS_TO_ACTION):
        translate_snippet(call, urdu, CALLS_TO_ACTION[call.name])
    home = translate(demo.home, urdu, HOME)
    index = getattr(demo, "centre_index", None)
    if index is not None:
        translate(index, urdu, WHERE_WE_WORK)
        for centre in demo.centres:
            if centre.slug in CENTRES:
                translate(centre, urdu, {**CENTRES[centre.slug], "province": "بلوچستان"})
    programme_index = getattr(demo, "programme_index", None)
    if programme_index is not None:
        translate(programme_index, urdu, PROGRAMME_INDEX)
    programmes = [translate(programme, urdu, PROGRAMME) for programme in getattr(demo, "programmes", [])[:1]]
    donate = getattr(demo, "donate_page", None)
    if donate is not None:
        donate = translate(donate, urdu, DONATE)
        describe_presets_in_urdu(donate)
    for slug, fields in STANDARD_PAGES.items():
        english = demo.home.get_children().filter(slug=slug).first()
        if english is not None:
            translate(english, urdu, fields)
    for topic in Topic.originals().filter(slug__in=TOPICS):
        name, description = TOPICS[topic.slug]
        translate_snippet(topic, urdu, {"name": name, "description": description})
    awareness = getattr(demo, "article_index", None)
    if awareness is not None:
        awareness = Page.objects.get(pk=awareness.pk).specific  # fresh: the menu ordering moved it in the tree
        translate(awareness, urdu, AWARENESS)
        for article in awareness.get_children().filter(slug__in=ARTICLES).specific():
            translate(article, urdu, with_saved_calls(ARTICLES[article.slug], article))
    link_urdu_home(home, urdu, donate)
    demo.urdu_home = home
    demo.urdu_programmes = programmes
    return Page.objects.filter(locale=urdu).count()


def link_urdu_home(home, urdu, donate):
    """The copied Urdu home still points at English pages: point it at their Urdu translations instead."""
    home = type(home).objects.get(pk=home.pk)  # fresh: its tree fields changed as translations were added under it
    changed = False
    if donate is not None and home.donate_page_id != donate.pk:
        home.donate_page = donate
        changed = True
    featured = list(home.featured_programmes.all())
    for item in featured:
        translation = item.programme.get_translation_or_none(urdu)
        if translation is not None and item.programme_id != translation.pk:
            item.programme = translation.specific
            changed = True
    if changed:
        home.featured_programmes = featured
        home.save_revision().publish()
