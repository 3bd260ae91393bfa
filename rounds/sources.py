"""What kind of source a URL is: its outlet and reliability tier, from its host (pure).

Primary: the guarantors' and Kazakhstan's foreign ministries and presidencies, the UN, official
statements. Agency: TASS, Anadolu, IRNA, Kazinform, Reuters, AP, AFP and their peers. Press:
newspapers and broadcasters. Anything else (blogs, aggregators, encyclopaedias, link
shorteners, sites no analyst would cite for a fact) is "other". An outlet is named only for a
host listed here; an unknown host leaves it empty rather than guessing.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from rounds.choices import SourceTier

# host (without "www.") -> (outlet, tier). A subdomain matches its parent's entry.
OUTLETS: dict[str, tuple[str, str]] = {
    # primary
    "mfa.kz": ("Ministry of Foreign Affairs of Kazakhstan", SourceTier.PRIMARY),
    "gov.kz": ("Government of Kazakhstan", SourceTier.PRIMARY),
    "akorda.kz": ("President of Kazakhstan", SourceTier.PRIMARY),
    "mfa.gov.tr": ("Ministry of Foreign Affairs of Türkiye", SourceTier.PRIMARY),
    "mid.ru": ("Ministry of Foreign Affairs of Russia", SourceTier.PRIMARY),
    "kremlin.ru": ("President of Russia", SourceTier.PRIMARY),
    "mfa.ir": ("Ministry of Foreign Affairs of Iran", SourceTier.PRIMARY),
    "mfa.gov.ir": ("Ministry of Foreign Affairs of Iran", SourceTier.PRIMARY),
    "president.ir": ("President of Iran", SourceTier.PRIMARY),
    "un.org": ("United Nations", SourceTier.PRIMARY),
    "unmissions.org": ("United Nations", SourceTier.PRIMARY),
    "peaceagreements.org": ("PA-X Peace Agreements Database", SourceTier.PRIMARY),
    # agency
    "tass.com": ("TASS", SourceTier.AGENCY),
    "tass.ru": ("TASS", SourceTier.AGENCY),
    "inform.kz": ("Kazinform", SourceTier.AGENCY),
    "aa.com.tr": ("Anadolu Agency", SourceTier.AGENCY),
    "irna.ir": ("IRNA", SourceTier.AGENCY),
    "reuters.com": ("Reuters", SourceTier.AGENCY),
    "apnews.com": ("Associated Press", SourceTier.AGENCY),
    "afp.com": ("AFP", SourceTier.AGENCY),
    "interfax.ru": ("Interfax", SourceTier.AGENCY),
    "ria.ru": ("RIA Novosti", SourceTier.AGENCY),
    "mehrnews.com": ("Mehr News Agency", SourceTier.AGENCY),
    "trend.az": ("Trend News Agency", SourceTier.AGENCY),
    "sana.sy": ("SANA", SourceTier.AGENCY),
    "efe.com": ("EFE", SourceTier.AGENCY),
    "sputniknews.com": ("Sputnik", SourceTier.AGENCY),
    "sputnikglobe.com": ("Sputnik", SourceTier.AGENCY),
    "sputnik.kz": ("Sputnik Kazakhstan", SourceTier.AGENCY),
    "sarabic.ae": ("Sputnik Arabic", SourceTier.AGENCY),
    "kt.kz": ("Kazakhstan Today", SourceTier.AGENCY),
    "oananews.org": ("OANA", SourceTier.AGENCY),
    # press
    "dailysabah.com": ("Daily Sabah", SourceTier.PRESS),
    "rt.com": ("RT", SourceTier.PRESS),
    "astanatimes.com": ("The Astana Times", SourceTier.PRESS),
    "trtworld.com": ("TRT World", SourceTier.PRESS),
    "hurriyetdailynews.com": ("Hürriyet Daily News", SourceTier.PRESS),
    "al-monitor.com": ("Al-Monitor", SourceTier.PRESS),
    "channelnewsasia.com": ("CNA", SourceTier.PRESS),
    "gazeta.ru": ("Gazeta.ru", SourceTier.PRESS),
    "kommersant.ru": ("Kommersant", SourceTier.PRESS),
    "syrianobserver.com": ("The Syrian Observer", SourceTier.PRESS),
    "timesca.com": ("The Times of Central Asia", SourceTier.PRESS),
    "kursiv.media": ("Kursiv", SourceTier.PRESS),
    "tishreen.news.sy": ("Tishreen", SourceTier.PRESS),
    "el.kz": ("El.kz", SourceTier.PRESS),
    "almanartv.com.lb": ("Al-Manar", SourceTier.PRESS),
    "vestikavkaza.ru": ("Vestnik Kavkaza", SourceTier.PRESS),
    "azernews.az": ("AzerNews", SourceTier.PRESS),
    "dknews.kz": ("DKNews", SourceTier.PRESS),
    "kazakh-tv.kz": ("Kazakh TV", SourceTier.PRESS),
    "vlast.kz": ("Vlast.kz", SourceTier.PRESS),
    "ntv.com.tr": ("NTV", SourceTier.PRESS),
    "syriatimes.sy": ("Syria Times", SourceTier.PRESS),
    "neweurope.eu": ("New Europe", SourceTier.PRESS),
    "sbs.com.au": ("SBS", SourceTier.PRESS),
    "nu.nl": ("NU.nl", SourceTier.PRESS),
    "zeenews.india.com": ("Zee News", SourceTier.PRESS),
    "pravda.com.ua": ("Ukrainska Pravda", SourceTier.PRESS),
    "elnashra.com": ("Elnashra", SourceTier.PRESS),
    "news.ru": ("News.ru", SourceTier.PRESS),
    "kayhan.ir": ("Kayhan", SourceTier.PRESS),
    "sapo.pt": ("SAPO", SourceTier.PRESS),
    "thediplomaticinsight.com": ("The Diplomatic Insight", SourceTier.PRESS),
    "tvcnews.tv": ("TVC News", SourceTier.PRESS),
}


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def source_of(url: str) -> tuple[str, str]:
    """The ``(outlet, tier)`` of a source URL; ``("", "other")`` for a host not listed."""
    host = _host(url)
    while host:
        if host in OUTLETS:
            outlet, tier = OUTLETS[host]
            return outlet, str(tier)
        _, _, host = host.partition(".")
    return "", str(SourceTier.OTHER)
