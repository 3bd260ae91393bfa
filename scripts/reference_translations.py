"""Russian, Turkish and Arabic names for every record of the reference dataset.

Used by ``scripts/build_reference.py`` (``add_translations``), or alone to add them to the
shipped ``rounds/reference/astana.json`` in place::

    .venv/bin/python scripts/reference_translations.py

Places and participants take their names from the understanding gazetteer
(``ingest/understanding/gazetteer.py``: the first name it knows in each language) unless
``PLACES``/``PARTICIPANTS`` below say otherwise; rounds, documents, events and zones are
written here. Terms follow the guarantors' foreign ministries: «Международная встреча по
Сирии в астанинском формате», "Astana formatında Suriye konulu Uluslararası Toplantı",
"الاجتماع الدولي بشأن سوريا بصيغة أستانا"; зона деэскалации, çatışmasızlık bölgesi,
منطقة خفض التصعيد; совместное заявление, ortak açıklama, بيان مشترك. Rounds are numbered
as those ministries number them in short: Астана-8, Astana-8, أستانا 8. Türkiye is the
country's name in Turkish (and Турция, تركيا); Nur-Sultan is Нур-Султан, نور سلطان.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.understanding.gazetteer import GAZETTEER  # noqa: E402

LANGS = ("ru", "tr", "ar")
REFERENCE = ROOT / "rounds" / "reference" / "astana.json"

# slug -> (ru, tr, ar); only where the gazetteer has no name or another is better here.
PLACES = {
    "amman": ("Амман", "Amman", "عمّان"),  # with the shadda: عمان alone also reads Oman
    "hamburg": ("Гамбург", "Hamburg", "هامبورغ"),
    "videoconference": ("Видеоконференция", "Video konferans", "مؤتمر عبر الفيديو"),
}
PARTICIPANTS = {
    "united-nations": ("Организация Объединённых Наций", "Birleşmiş Milletler", "الأمم المتحدة"),
    "united-states": (
        "Соединённые Штаты Америки",
        "Amerika Birleşik Devletleri",
        "الولايات المتحدة",
    ),
    "icrc": (
        "Международный комитет Красного Креста",
        "Uluslararası Kızılhaç Komitesi",
        "اللجنة الدولية للصليب الأحمر",
    ),
    "unhcr": (
        "Управление Верховного комиссара ООН по делам беженцев",
        "BM Mülteciler Yüksek Komiserliği",
        "المفوضية السامية للأمم المتحدة لشؤون اللاجئين",
    ),
    "syrian-government": ("Правительство Сирии", "Suriye hükümeti", "الحكومة السورية"),
    "syrian-opposition": ("Сирийская оппозиция", "Suriye muhalefeti", "المعارضة السورية"),
}

# A round's city as named at the time (Round.city).
CITIES = {
    "Astana": ("Астана", "Astana", "أستانا"),
    "Nur-Sultan": ("Нур-Султан", "Nur-Sultan", "نور سلطان"),
    "Sochi": ("Сочи", "Soçi", "سوتشي"),
}

_AR_ORDINALS = {
    15: "الخامس عشر",
    16: "السادس عشر",
    17: "السابع عشر",
    18: "الثامن عشر",
    19: "التاسع عشر",
    20: "العشرون",
    21: "الحادي والعشرون",
    22: "الثاني والعشرون",
}


def round_names(number: int) -> tuple[str, str, str]:
    """A round's name: "Астана-8" up to round 14, the ministries' full title from 15 on
    (as the English names do)."""
    special = {
        1: (
            "Астана-1 (первая Международная встреча по Сирии)",
            "Astana-1 (Suriye konulu ilk Uluslararası Toplantı)",
            "أستانا 1 (الاجتماع الدولي الأول بشأن سوريا)",
        ),
        10: (
            "Встреча в астанинском формате в Сочи («Астана-10»)",
            "Soçi'de Astana formatında toplantı (\u201cAstana-10\u201d)",
            "اجتماع بصيغة أستانا في سوتشي («أستانا 10»)",
        ),
        12: (
            "Астана-12 (первая встреча в Нур-Султане)",
            "Astana-12 (Nur-Sultan'da yapılan ilk toplantı)",
            "أستانا 12 (أول اجتماع في نور سلطان)",
        ),
    }
    if number in special:
        return special[number]
    if number < 15:
        return (f"Астана-{number}", f"Astana-{number}", f"أستانا {number}")
    sochi = number == 15
    return (
        f"{number}-я Международная встреча по Сирии в астанинском формате"
        + (" (Сочи)" if sochi else ""),
        f"Astana formatında Suriye konulu {number}. Uluslararası Toplantı"
        + (" (Soçi)" if sochi else ""),
        f"الاجتماع الدولي {_AR_ORDINALS[number]} بشأن سوريا بصيغة أستانا"
        + (" (سوتشي)" if sochi else ""),
    )


JS_RU, JS_TR, JS_AR = "Совместное заявление", "Ortak açıklama", "بيان مشترك"
IRT_RU = "Совместное заявление Ирана, России и Турции"
IRT_TR = "İran, Rusya ve Türkiye'nin ortak açıklaması"
IRT_AR = "البيان المشترك لإيران وروسيا وتركيا"
GUAR_RU = "Совместное заявление стран-гарантов"
GUAR_TR = "Garantör ülkelerin ortak açıklaması"
GUAR_AR = "البيان المشترك للدول الضامنة"

STATEMENTS = {
    "round-1-document-1": (
        IRT_RU + " (зачитано министром иностранных дел Казахстана Кайратом Абдрахмановым)",
        IRT_TR + " (Kazakistan Dışişleri Bakanı Kayrat Abdrahmanov tarafından okundu)",
        IRT_AR + " (تلاه وزير الخارجية الكازاخستاني خيرت عبد الرحمنوف)",
    ),
    "round-2-document-1": (
        "Положение о Совместной оперативной группе по контролю за режимом прекращения "
        "боевых действий, доработанное и одобренное странами-гарантами",
        "Çatışmaların durdurulması rejimini izleyecek Ortak Operasyon Grubuna ilişkin "
        "tüzük (garantör ülkelerce son hali verilerek onaylandı)",
        "لائحة مجموعة العمليات المشتركة لمراقبة نظام وقف الأعمال القتالية، بصيغتها "
        "النهائية التي أقرتها الدول الضامنة",
    ),
    "round-3-document-1": (
        "Совместное заявление стран-гарантов (России, Турции, Ирана) о приверженности "
        "мирному процессу",
        "Garantör ülkelerin (Rusya, Türkiye, İran) barış sürecine bağlılıklarını yineleyen "
        "ortak açıklaması",
        "البيان المشترك للدول الضامنة (روسيا وتركيا وإيران) الذي يؤكد الالتزام بعملية السلام",
    ),
    "round-4-document-1": (
        "Меморандум о создании зон деэскалации в Сирийской Арабской Республике "
        "(подписан Ираном, Россией и Турцией 4 мая 2017 года)",
        "Suriye Arap Cumhuriyeti'nde çatışmasızlık bölgeleri oluşturulmasına ilişkin "
        "mutabakat muhtırası (4 Mayıs 2017'de İran, Rusya ve Türkiye tarafından imzalandı)",
        "مذكرة إنشاء مناطق خفض التصعيد في الجمهورية العربية السورية (وقّعتها إيران وروسيا "
        "وتركيا في 4 أيار/مايو 2017)",
    ),
    "round-5-document-1": (
        IRT_RU + " (зачитано главой МИД Казахстана Абдрахмановым); документы по "
        "деэскалации не подписаны",
        IRT_TR + " (Kazakistan Dışişleri Bakanı Abdrahmanov tarafından okundu); "
        "çatışmasızlık bölgelerine ilişkin belge imzalanmadı",
        IRT_AR + " (تلاه وزير الخارجية الكازاخستاني عبد الرحمنوف)؛ لم تُوقَّع وثائق بشأن خفض التصعيد",
    ),
    "round-6-document-1": (
        "Совместное заявление Ирана, России и Турции об учреждении четырёх зон "
        "деэскалации, включая Идлиб",
        "İran, Rusya ve Türkiye'nin İdlib dahil dört çatışmasızlık bölgesinin "
        "oluşturulduğunu duyuran ortak açıklaması",
        "البيان المشترك لإيران وروسيا وتركيا بشأن إنشاء مناطق خفض التصعيد الأربع، ومنها إدلب",
    ),
    "round-6-document-2": (
        "Мандат и пакет документов о силах контроля деэскалации (развёртывание в зоне "
        "безопасности Идлиба)",
        "Çatışmasızlık denetim güçlerine ilişkin görev tanımı ve belgeler (İdlib "
        "bölgesindeki güvenlik kuşağına konuşlanma)",
        "تفويض وحزمة وثائق بشأن قوات مراقبة خفض التصعيد (الانتشار في المنطقة الأمنية في إدلب)",
    ),
    "round-7-document-1": (
        IRT_RU + " (зачитано Абдрахмановым)",
        IRT_TR + " (Abdrahmanov tarafından okundu)",
        IRT_AR + " (تلاه عبد الرحمنوف)",
    ),
    "round-8-document-1": (IRT_RU, IRT_TR, IRT_AR),
    "round-8-document-2": (
        "Положение о Рабочей группе по освобождению задержанных (удерживаемых) лиц, "
        "передаче тел погибших и установлению личности пропавших без вести",
        "Tutukluların ve alıkonulanların serbest bırakılması, cenazelerin teslimi ve "
        "kayıp kişilerin kimliklerinin belirlenmesi Çalışma Grubuna ilişkin tüzük",
        "لائحة الفريق العامل المعني بالإفراج عن المحتجزين والمختطفين وتسليم الجثث "
        "وتحديد هوية المفقودين",
    ),
    "round-8-document-3": (
        "Совместное заявление о гуманитарном разминировании в Сирии, включая объекты "
        "всемирного наследия ЮНЕСКО",
        "Suriye'de insani mayın temizliğine, UNESCO Dünya Mirası alanları dahil, ilişkin "
        "ortak açıklama",
        "بيان مشترك بشأن الأعمال الإنسانية لإزالة الألغام في سوريا، بما فيها مواقع التراث "
        "العالمي لليونسكو",
    ),
    "round-9-document-1": (GUAR_RU, GUAR_TR, GUAR_AR),
    "round-10-document-1": (
        "Итоговое совместное заявление стран-гарантов",
        "Garantör ülkelerin sonuç ortak açıklaması",
        "البيان الختامي المشترك للدول الضامنة",
    ),
    "round-11-document-1": (
        GUAR_RU + " (опубликовано утром второго дня)",
        GUAR_TR + " (ikinci günün sabahı yayımlandı)",
        GUAR_AR + " (صدر صباح اليوم الثاني)",
    ),
    "round-12-document-1": (
        "Итоговое совместное заявление",
        "Sonuç ortak açıklaması",
        "البيان الختامي المشترك",
    ),
    "round-13-document-1": (
        JS_RU + " (зачитано заместителем министра иностранных дел Казахстана Романом Василенко)",
        JS_TR + " (Kazakistan Dışişleri Bakan Yardımcısı Roman Vassilenko tarafından okundu)",
        JS_AR + " (تلاه نائب وزير الخارجية الكازاخستاني رومان فاسيلينكو)",
    ),
    "round-14-document-1": (IRT_RU, IRT_TR, IRT_AR),
    "round-15-document-1": (
        JS_RU + " (текст не получен)",
        JS_TR + " (metne ulaşılamadı)",
        JS_AR + " (لم يُحصل على النص)",
    ),
    "round-16-document-1": (
        "Совместное заявление России, Ирана и Турции",
        "Rusya, İran ve Türkiye'nin ortak açıklaması",
        "البيان المشترك لروسيا وإيران وتركيا",
    ),
    "round-17-document-1": (
        JS_RU + " (опубликовано в официальных СМИ; пленарное заседание не проводилось "
        "из-за ограничений COVID-19)",
        JS_TR + " (resmî yayın organlarında yayımlandı; COVID-19 kısıtlamaları nedeniyle "
        "genel oturum yapılmadı)",
        JS_AR + " (نُشر في وسائل الإعلام الرسمية؛ لم تُعقد جلسة عامة بسبب قيود كوفيد-19)",
    ),
    "round-18-document-1": (JS_RU, JS_TR, JS_AR),
    "round-19-document-1": (
        "Совместное заявление представителей Ирана, России и Турции",
        "İran, Rusya ve Türkiye temsilcilerinin ortak açıklaması",
        "البيان المشترك لممثلي إيران وروسيا وتركيا",
    ),
    "round-20-document-1": (JS_RU, JS_TR, JS_AR),
    "round-21-document-1": (
        "Совместное заявление России, Ирана и Турции",
        "Rusya, İran ve Türkiye'nin ortak açıklaması",
        "البيان المشترك لروسيا وإيران وتركيا",
    ),
    "round-22-document-1": (
        "Совместное заявление представителей Ирана, России и Турции по итогам 22-й "
        "Международной встречи по Сирии, 11–12 ноября 2024 года",
        "İran, Rusya ve Türkiye temsilcilerinin 11-12 Kasım 2024 tarihli 22. Suriye konulu "
        "Uluslararası Toplantı'nın sonuçlarına ilişkin ortak açıklaması",
        "البيان المشترك لممثلي إيران وروسيا وتركيا بشأن نتائج الاجتماع الدولي الثاني "
        "والعشرين بشأن سوريا، 11-12 تشرين الثاني/نوفمبر 2024",
    ),
}

EVENTS = {
    "ceasefire-dec2016": (
        "Соглашение о прекращении огня на всей территории Сирии (29 декабря 2016 года, "
        "вступило в силу 30 декабря) при посредничестве России и Турции; основа "
        "астанинского процесса",
        "Rusya ve Türkiye'nin arabuluculuğuyla ülke genelinde ateşkes anlaşması (29 Aralık "
        "2016, 30 Aralık 2016'da yürürlüğe girdi); Astana sürecinin temeli",
        "اتفاق وقف إطلاق النار الشامل (29 كانون الأول/ديسمبر 2016، ونفاذه في 30 كانون "
        "الأول/ديسمبر 2016) بوساطة روسيا وتركيا؛ أساس مسار أستانا",
    ),
    "tech-meeting-feb2017": (
        "Первая техническая встреча экспертов России, Турции, Ирана и ООН по механизму "
        "прекращения огня (впервые с участием Иордании)",
        "Rusya, Türkiye, İran ve BM'nin ateşkes mekanizmasına ilişkin ilk teknik/uzman "
        "toplantısı (Ürdün ilk kez katıldı)",
        "أول اجتماع فني على مستوى الخبراء لروسيا وتركيا وإيران والأمم المتحدة بشأن آلية "
        "وقف إطلاق النار (بمشاركة الأردن لأول مرة)",
    ),
    "geneva4": (
        "Завершение четвёртого раунда переговоров ООН в Женеве (четыре «корзины»); "
        "де Мистура назвал Женеву и Астану взаимодополняющими",
        "BM'nin dördüncü Cenevre turu tamamlandı (dört \u201csepet\u201d); de Mistura "
        "Cenevre ile Astana'nın birbirini tamamladığını söyledi",
        "اختتام جولة جنيف الرابعة برعاية الأمم المتحدة («السلال» الأربع)؛ دي ميستورا يصف "
        "مساري جنيف وأستانا بالمتكاملين",
    ),
    "sw-mou": (
        "Меморандум России, США и Иордании о юго-западной зоне деэскалации; прекращение "
        "огня с полудня 9 июля 2017 года",
        "Güneybatı çatışmasızlık bölgesine ilişkin Rusya-ABD-Ürdün mutabakat muhtırası; "
        "9 Temmuz 2017 öğleden itibaren ateşkes",
        "مذكرة تفاهم روسية أمريكية أردنية بشأن منطقة خفض التصعيد في الجنوب الغربي؛ وقف "
        "إطلاق النار اعتبارًا من ظهر 9 تموز/يوليو 2017",
    ),
    "ghouta-cairo": (
        "Каирские договорённости (Минобороны России и оппозиция при посредничестве "
        "Египта) о функционировании зоны Восточная Гута; прекращение огня с полудня 22 июля",
        "Doğu Guta bölgesinin işleyişine ilişkin Kahire anlaşmaları (Rusya Savunma "
        "Bakanlığı ile muhalefet, Mısır arabuluculuğunda); 22 Temmuz öğleden itibaren ateşkes",
        "اتفاقات القاهرة (بين وزارة الدفاع الروسية والمعارضة بوساطة مصرية) بشأن عمل منطقة "
        "الغوطة الشرقية؛ وقف إطلاق النار اعتبارًا من ظهر 22 تموز/يوليو",
    ),
    "jwg-tehran": (
        "Запланированное заседание Совместной рабочей группы по деэскалации в Иране "
        "(объявлено на встрече «Астана-5»)",
        "İran'da yapılması planlanan çatışmasızlık Ortak Çalışma Grubu toplantısı "
        "(Astana-5'te duyuruldu)",
        "اجتماع مقرر لفريق العمل المشترك المعني بخفض التصعيد في إيران (أُعلن عنه في أستانا 5)",
    ),
    "homs-cairo": (
        "Каирские переговоры (Минобороны России и оппозиция) о зоне на севере Хомса; "
        "прекращение огня с полудня 3 августа 2017 года",
        "Kuzey Humus bölgesine ilişkin Kahire görüşmeleri (Rusya Savunma Bakanlığı ile "
        "muhalefet); 3 Ağustos 2017 öğleden itibaren ateşkes",
        "محادثات القاهرة (بين وزارة الدفاع الروسية والمعارضة) بشأن منطقة ريف حمص الشمالي؛ "
        "وقف إطلاق النار ظهر 3 آب/أغسطس 2017",
    ),
    "ankara-maps": (
        "Карты зоны деэскалации Идлиб утверждены в Анкаре (упомянуты в заявлении «Астаны-6»)",
        "İdlib çatışmasızlık bölgesinin haritaları Ankara'da onaylandı (Astana-6 "
        "açıklamasında anılıyor)",
        "إقرار خرائط منطقة خفض التصعيد في إدلب في أنقرة (ورد ذكرها في بيان أستانا 6)",
    ),
    "tr-posts": (
        "Турецкая армия начинает создавать наблюдательные посты в зоне деэскалации Идлиб",
        "Türk Silahlı Kuvvetleri İdlib çatışmasızlık bölgesinde gözlem noktaları kurmaya başladı",
        "الجيش التركي يبدأ إنشاء نقاط مراقبة في منطقة خفض التصعيد في إدلب",
    ),
    "summit-sochi-2017": (
        "Первый трёхсторонний саммит (Путин, Роухани, Эрдоган); совместное заявление; план "
        "Конгресса сирийского национального диалога",
        "İlk üçlü zirve (Putin, Ruhani, Erdoğan); ortak açıklama; Suriye Ulusal Diyalog "
        "Kongresi planı",
        "القمة الثلاثية الأولى (بوتين وروحاني وأردوغان)؛ بيان مشترك؛ خطة مؤتمر الحوار "
        "الوطني السوري",
    ),
    "sochi-prep": (
        "Специальное подготовительное совещание трёх стран-гарантов к Конгрессу в Сочи "
        "(решение принято на «Астане-8»); согласован список участников; Иран представлял "
        "Хосейн Джабери Ансари",
        "Üç garantör ülkenin Soçi Kongresi için özel hazırlık toplantısı (Astana-8'de "
        "kararlaştırıldı); katılımcı listesi üzerinde uzlaşıldı; İran'ı Hüseyin Caberi "
        "Ensari temsil etti",
        "اجتماع تحضيري خاص للدول الضامنة الثلاث لمؤتمر سوتشي (تقرر في أستانا 8)؛ الاتفاق "
        "على قائمة المشاركين؛ ومثّل إيران حسين جابري أنصاري",
    ),
    "vienna-geneva": (
        "Межсирийские переговоры под эгидой ООН в Вене за неделю до Конгресса в Сочи "
        "(ВПК участвовал в Вене, но бойкотировал Сочи)",
        "Soçi Kongresi'nden bir hafta önce Viyana'da BM öncülüğünde Suriyeliler arası "
        "görüşmeler (YMK Viyana'ya katıldı, Soçi'yi boykot etti)",
        "محادثات سورية سورية بقيادة الأمم المتحدة في فيينا قبل أسبوع من مؤتمر سوتشي "
        "(حضرت هيئة التفاوض فيينا وقاطعت سوتشي)",
    ),
    "sochi-congress": (
        "Конгресс сирийского национального диалога",
        "Suriye Ulusal Diyalog Kongresi",
        "مؤتمر الحوار الوطني السوري",
    ),
    "fm-astana-2018": (
        "Встреча министров иностранных дел Лаврова, Зарифа и Чавушоглу в Астане; совместное "
        "заявление; следующий раунд в середине мая",
        "Dışişleri bakanları Lavrov, Zarif ve Çavuşoğlu Astana'da bir araya geldi; ortak "
        "açıklama; sonraki tur mayıs ortasında",
        "اجتماع وزراء الخارجية لافروف وظريف وجاويش أوغلو في أستانا؛ بيان مشترك؛ الجولة "
        "المقبلة في منتصف أيار/مايو",
    ),
    "summit-ankara-2018": (
        "Второй трёхсторонний саммит (Путин, Роухани, Эрдоган); совместное заявление",
        "İkinci üçlü zirve (Putin, Ruhani, Erdoğan); ortak açıklama",
        "القمة الثلاثية الثانية (بوتين وروحاني وأردوغان)؛ بيان مشترك",
    ),
    "fm-moscow-2018": (
        "Трёхсторонняя встреча министров иностранных дел в Москве: астанинский формат — "
        "«наиболее эффективный вклад»; следующий раунд в Астане в следующем месяце",
        "Moskova'da üçlü dışişleri bakanları toplantısı: Astana formatı \u201cen etkili "
        "katkı\u201d; sonraki tur gelecek ay Astana'da",
        "اجتماع ثلاثي لوزراء الخارجية في موسكو: صيغة أستانا «الإسهام الأكثر فاعلية»؛ "
        "الجولة المقبلة في أستانا الشهر القادم",
    ),
    "summit-tehran-2018": (
        "Третий трёхсторонний саммит; декларация из 12 пунктов; обсуждение Идлиба",
        "Üçüncü üçlü zirve; 12 maddelik bildiri; İdlib görüşüldü",
        "القمة الثلاثية الثالثة؛ إعلان من 12 بندًا؛ بحث الوضع في إدلب",
    ),
    "sochi-idlib-memo": (
        "Меморандум России и Турции о стабилизации обстановки в зоне деэскалации Идлиб "
        "(демилитаризованная зона 15–20 км к 15 октября 2018 года)",
        "İdlib Çatışmasızlık Bölgesinde durumun istikrara kavuşturulmasına ilişkin "
        "Rusya-Türkiye Mutabakat Muhtırası (15 Ekim 2018'e kadar 15-20 km'lik silahtan "
        "arındırılmış bölge)",
        "المذكرة الروسية التركية بشأن تثبيت الاستقرار في منطقة خفض التصعيد في إدلب (منطقة "
        "منزوعة السلاح بعمق 15-20 كم بحلول 15 تشرين الأول/أكتوبر 2018)",
    ),
    "detainee-release-2018": (
        "Первое одновременное взаимное освобождение задержанных в рамках пилотного проекта "
        "астанинской рабочей группы",
        "Astana çalışma grubunun pilot projesi kapsamında tutukluların ilk eş zamanlı "
        "karşılıklı serbest bırakılması",
        "أول إفراج متزامن ومتبادل عن المحتجزين في إطار المشروع التجريبي لفريق عمل أستانا",
    ),
    "summit-sochi-2019": (
        "Четвёртый трёхсторонний саммит (Сочи)",
        "Dördüncü üçlü zirve (Soçi)",
        "القمة الثلاثية الرابعة (سوتشي)",
    ),
    "summit-ankara-2019": (
        "Пятый трёхсторонний саммит (Анкара); совместное заявление",
        "Beşinci üçlü zirve (Ankara); ortak açıklama",
        "القمة الثلاثية الخامسة (أنقرة)؛ بيان مشترك",
    ),
    "cc-announced": (
        "Генеральный секретарь ООН Гутерриш объявляет о договорённости о создании "
        "Конституционного комитета Сирии",
        "BM Genel Sekreteri Guterres, Suriye Anayasa Komitesi üzerinde uzlaşıldığını duyurdu",
        "الأمين العام للأمم المتحدة غوتيريش يعلن الاتفاق على اللجنة الدستورية السورية",
    ),
    "ne-syria-mou": (
        "Меморандум России и Турции о стабилизации на северо-востоке Сирии "
        "(приветствован на «Астане-14»)",
        "Suriye'nin kuzeydoğusunda istikrara ilişkin Rusya-Türkiye mutabakat muhtırası "
        "(Astana-14'te memnuniyetle karşılandı)",
        "المذكرة الروسية التركية بشأن الاستقرار في شمال شرق سوريا (رُحّب بها في أستانا 14)",
    ),
    "cc-launch": (
        "Начало работы Конституционного комитета Сирии (150 членов; сопредседатели Ахмад "
        "Кузбари и Хади аль-Бахра; редакционная комиссия из 45 человек с 4 ноября 2019 года)",
        "Suriye Anayasa Komitesi çalışmalarına başladı (150 üye; eş başkanlar Ahmed Kuzbari "
        "ve Hadi el-Bahra; 4 Kasım 2019'dan itibaren 45 kişilik küçük kurul)",
        "انطلاق أعمال اللجنة الدستورية السورية (150 عضوًا؛ الرئيسان المشتركان أحمد الكزبري "
        "وهادي البحرة؛ هيئة مصغرة من 45 عضوًا منذ 4 تشرين الثاني/نوفمبر 2019)",
    ),
    "moscow-protocol": (
        "Дополнительный протокол к меморандуму по Идлибу (прекращение огня с 6 марта "
        "2020 года, коридор вдоль трассы M4, совместное патрулирование с 15 марта)",
        "İdlib mutabakatına ek protokol (6 Mart 2020'de ateşkes, M4 koridoru, 15 Mart'tan "
        "itibaren ortak devriyeler)",
        "البروتوكول الإضافي لمذكرة إدلب (وقف إطلاق النار في 6 آذار/مارس 2020، ممر "
        "الطريق M4، دوريات مشتركة اعتبارًا من 15 آذار/مارس)",
    ),
    "summit-video-2020": (
        "Трёхсторонний саммит в режиме видеоконференции; следующий саммит договорились "
        "провести в Иране",
        "Video konferans yoluyla üçlü zirve; bir sonraki zirvenin İran'da yapılması "
        "kararlaştırıldı",
        "قمة ثلاثية عبر الفيديو؛ الاتفاق على عقد القمة المقبلة في إيران",
    ),
    "summit-tehran-2022": (
        "Трёхсторонний саммит в Тегеране; следующий саммит договорились провести в России",
        "Tahran'da üçlü zirve; bir sonraki zirvenin Rusya'da yapılması kararlaştırıldı",
        "القمة الثلاثية في طهران؛ الاتفاق على عقد القمة المقبلة في روسيا",
    ),
    "kz-end-announcement": (
        "Казахстан предлагает сделать 20-ю встречу последней в Астане; позднее (23 июня) "
        "МИД заявляет, что рассмотрит возобновление по общей просьбе; переговоры "
        "возобновлены в январе 2024 года",
        "Kazakistan 20. toplantının Astana'daki son toplantı olmasını önerdi; Dışişleri "
        "Bakanlığı daha sonra (23 Haziran) ortak talep hâlinde yeniden ev sahipliğini "
        "değerlendireceğini açıkladı; görüşmeler Ocak 2024'te yeniden başladı",
        "كازاخستان تقترح أن يكون الاجتماع العشرون الأخير في أستانا؛ ثم (في 23 حزيران/يونيو) "
        "أعلنت وزارة الخارجية أنها ستنظر في استئنافه بطلب جماعي؛ واستؤنفت المحادثات في "
        "كانون الثاني/يناير 2024",
    ),
    "hts-offensive": (
        "Наступление повстанцев во главе с ХТШ из Идлиба; Алеппо пал за несколько дней",
        "HTŞ öncülüğündeki muhalif güçlerin İdlib'den başlattığı saldırı; Halep birkaç gün "
        "içinde düştü",
        "هجوم فصائل المعارضة بقيادة هيئة تحرير الشام انطلاقًا من إدلب؛ سقوط حلب في غضون أيام",
    ),
    "doha-fm": (
        "Встреча министров иностранных дел в астанинском формате (Лавров, Аракчи, Фидан; "
        "присутствовал спецпосланник ООН Педерсен): призыв прекратить боевые действия, "
        "диалог правительства с законной оппозицией, резолюция СБ ООН 2254",
        "Astana formatında dışişleri bakanları toplantısı (Lavrov, Arakçi, Fidan; BM Özel "
        "Temsilcisi Pedersen katıldı): çatışmaların sona erdirilmesi, hükümet ile meşru "
        "muhalefet arasında diyalog ve BMGK'nın 2254 sayılı kararı çağrısı",
        "اجتماع وزراء الخارجية بصيغة أستانا (لافروف وعراقجي وفيدان؛ بحضور المبعوث الأممي "
        "بيدرسن): الدعوة إلى وقف الأعمال القتالية والحوار بين الحكومة والمعارضة الشرعية "
        "وقرار مجلس الأمن 2254",
    ),
    "fall-of-damascus": (
        "Падение Дамаска; Башар Асад бежит из страны",
        "Şam'ın düşüşü; Beşşar Esad ülkeden kaçtı",
        "سقوط دمشق وفرار بشار الأسد",
    ),
}

# slug -> ((ru, tr, ar) name, (ru, tr, ar) short name); the Arabic name is the one the data
# already had (Zone.name_ar).
ZONES = {
    "idlib": (
        (
            "Зона деэскалации Идлиб (провинция Идлиб и отдельные части провинций Латакия, "
            "Алеппо и Хама)",
            "İdlib çatışmasızlık bölgesi (İdlib ili ile Lazkiye, Halep ve Hama illerinin bazı "
            "kısımları)",
            None,
        ),
        ("Идлиб", "İdlib", "إدلب"),
    ),
    "north-homs": (
        (
            "Зона деэскалации на севере провинции Хомс (анклав Растан — Тальбиса — Хула, "
            "включая юг провинции Хама)",
            "Kuzey Humus çatışmasızlık bölgesi (Rastan-Telbise-Hule cebi, Hama'nın güney "
            "kırsalı dahil)",
            None,
        ),
        ("Север Хомса", "Kuzey Humus", "ريف حمص الشمالي"),
    ),
    "eastern-ghouta": (
        (
            "Зона деэскалации Восточная Гута (пригороды Дамаска)",
            "Doğu Guta çatışmasızlık bölgesi (Şam kırsalı)",
            None,
        ),
        ("Восточная Гута", "Doğu Guta", "الغوطة الشرقية"),
    ),
    "south": (
        (
            "Южная (юго-западная) зона деэскалации: отдельные части провинций Дераа и "
            "Кунейтра (договорённость США, России и Иордании охватывала и часть провинции "
            "Сувейда)",
            "Güney (güneybatı) çatışmasızlık bölgesi: Dera ve Kuneytra illerinin bazı "
            "kısımları (ABD-Rusya-Ürdün mutabakatı Süveyda'nın bazı kısımlarını da "
            "kapsıyordu)",
            None,
        ),
        ("Южная зона", "Güney bölgesi", "المنطقة الجنوبية"),
    ),
}


def _gazetteer_names() -> dict[str, tuple[str, str, str]]:
    names = {}
    for entry in GAZETTEER:
        if all(entry.aliases.get(lang) for lang in LANGS):
            names.setdefault(entry.name, tuple(entry.aliases[lang][0] for lang in LANGS))
    return names


def _set(record: dict, field: str, names: tuple) -> None:
    translations = record.setdefault("translations", {lang: {} for lang in LANGS})
    for lang, text in zip(LANGS, names, strict=True):
        if text:
            translations.setdefault(lang, {})[field] = text


def add_translations(data: dict) -> dict:
    """Add ``translations`` (``{"ru": {"name": ...}, "tr": ..., "ar": ...}``) to every
    record of ``data`` (the reference dataset); fails on a record without them."""
    gazetteer = _gazetteer_names()
    for kind, table in (("places", PLACES), ("participants", PARTICIPANTS)):
        for record in data[kind]:
            record.pop("translations", None)
            names = table.get(record["slug"]) or gazetteer.get(record["name"])
            if names is None:
                raise SystemExit(f"No translations for {kind} {record['slug']}")
            _set(record, "name", names)
    for record in data["rounds"]:
        record.pop("translations", None)
        _set(record, "name", round_names(record["number"]))
        _set(record, "city", CITIES.get(record["city"], ("", "", "")))
    for kind, table in (("statements", STATEMENTS), ("events", EVENTS)):
        for record in data[kind]:
            record.pop("translations", None)
            if record["slug"] not in table:
                raise SystemExit(f"No translations for {kind} {record['slug']}")
            _set(record, "title", table[record["slug"]])
    for record in data["zones"]:
        arabic = record.pop("name_ar", None) or (
            (record.pop("translations", None) or {}).get("ar", {}).get("name", "")
        )
        record.pop("translations", None)
        name, short_name = ZONES[record["slug"]]
        _set(record, "name", (*name[:2], name[2] or arabic))
        _set(record, "short_name", short_name)
    return data


def main() -> None:
    data = add_translations(json.loads(REFERENCE.read_text()))
    REFERENCE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
