"""What kind of source a URL is: its outlet and reliability tier, from its host (pure).

Primary: the guarantors' and Kazakhstan's foreign ministries and presidencies, the UN, official
statements. Agency: TASS, Anadolu, IRNA, Kazinform, Reuters, AP, AFP and their peers. Press:
newspapers and broadcasters. Anything else (blogs, aggregators, encyclopaedias, link
shorteners, sites no analyst would cite for a fact) is "other". An outlet is named only for a
host listed here (every host the reference data cites is listed); an unknown host leaves it
empty rather than guessing.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from rounds.choices import SourceTier

# host (without "www.") -> (outlet, tier, language of that edition or ""). A subdomain matches
# its parent's entry unless listed itself. Every host the reference data cites is listed, so
# every reference citation has an outlet; the tier says how far to trust it.
OUTLETS: dict[str, tuple[str, str, str]] = {
    # primary
    "mfa.kz": ("Ministry of Foreign Affairs of Kazakhstan", SourceTier.PRIMARY, ""),
    "gov.kz": ("Government of Kazakhstan", SourceTier.PRIMARY, ""),
    "akorda.kz": ("President of Kazakhstan", SourceTier.PRIMARY, ""),
    "mfa.gov.tr": ("Ministry of Foreign Affairs of Türkiye", SourceTier.PRIMARY, ""),
    "mid.ru": ("Ministry of Foreign Affairs of Russia", SourceTier.PRIMARY, ""),
    "kremlin.ru": ("President of Russia", SourceTier.PRIMARY, ""),
    "mfa.ir": ("Ministry of Foreign Affairs of Iran", SourceTier.PRIMARY, ""),
    "mfa.gov.ir": ("Ministry of Foreign Affairs of Iran", SourceTier.PRIMARY, ""),
    "president.ir": ("President of Iran", SourceTier.PRIMARY, ""),
    "un.org": ("United Nations", SourceTier.PRIMARY, ""),
    "unmissions.org": ("United Nations", SourceTier.PRIMARY, ""),
    "peaceagreements.org": ("PA-X Peace Agreements Database", SourceTier.PRIMARY, "en"),
    # agency
    "tass.com": ("TASS", SourceTier.AGENCY, "en"),
    "tass.ru": ("TASS", SourceTier.AGENCY, "ru"),
    "inform.kz": ("Kazinform", SourceTier.AGENCY, ""),
    "aa.com.tr": ("Anadolu Agency", SourceTier.AGENCY, ""),
    "irna.ir": ("IRNA", SourceTier.AGENCY, ""),
    "reuters.com": ("Reuters", SourceTier.AGENCY, "en"),
    "apnews.com": ("Associated Press", SourceTier.AGENCY, "en"),
    "afp.com": ("AFP", SourceTier.AGENCY, ""),
    "interfax.ru": ("Interfax", SourceTier.AGENCY, "ru"),
    "ria.ru": ("RIA Novosti", SourceTier.AGENCY, "ru"),
    "mehrnews.com": ("Mehr News Agency", SourceTier.AGENCY, ""),
    "trend.az": ("Trend News Agency", SourceTier.AGENCY, ""),
    "sana.sy": ("SANA", SourceTier.AGENCY, ""),
    "efe.com": ("EFE", SourceTier.AGENCY, ""),
    "xinhuanet.com": ("Xinhua", SourceTier.AGENCY, ""),
    "tasnimnews.com": ("Tasnim News Agency", SourceTier.AGENCY, ""),
    "turan.az": ("Turan Information Agency", SourceTier.AGENCY, ""),
    "iranpress.com": ("Iran Press", SourceTier.AGENCY, ""),
    "sputniknews.com": ("Sputnik", SourceTier.AGENCY, "en"),
    "sputniknews.ru": ("Sputnik", SourceTier.AGENCY, ""),
    "sputniknews.africa": ("Sputnik Afrique", SourceTier.AGENCY, "fr"),
    "sputnikglobe.com": ("Sputnik", SourceTier.AGENCY, "en"),
    "sputnik.kz": ("Sputnik Kazakhstan", SourceTier.AGENCY, ""),
    "sarabic.ae": ("Sputnik Arabic", SourceTier.AGENCY, "ar"),
    "noticiabrasil.net.br": ("Sputnik Brasil", SourceTier.AGENCY, "pt"),
    "kt.kz": ("Kazakhstan Today", SourceTier.AGENCY, ""),
    "oananews.org": ("OANA", SourceTier.AGENCY, "en"),
    # press
    "dailysabah.com": ("Daily Sabah", SourceTier.PRESS, "en"),
    "rt.com": ("RT", SourceTier.PRESS, "en"),
    "astanatimes.com": ("The Astana Times", SourceTier.PRESS, "en"),
    "trtworld.com": ("TRT World", SourceTier.PRESS, "en"),
    "hurriyetdailynews.com": ("Hürriyet Daily News", SourceTier.PRESS, "en"),
    "al-monitor.com": ("Al-Monitor", SourceTier.PRESS, "en"),
    "channelnewsasia.com": ("CNA", SourceTier.PRESS, "en"),
    "gazeta.ru": ("Gazeta.ru", SourceTier.PRESS, "ru"),
    "kommersant.ru": ("Kommersant", SourceTier.PRESS, "ru"),
    "syrianobserver.com": ("The Syrian Observer", SourceTier.PRESS, "en"),
    "timesca.com": ("The Times of Central Asia", SourceTier.PRESS, "en"),
    "kursiv.media": ("Kursiv", SourceTier.PRESS, ""),
    "tishreen.news.sy": ("Tishreen", SourceTier.PRESS, "ar"),
    "el.kz": ("El.kz", SourceTier.PRESS, ""),
    "almanartv.com.lb": ("Al-Manar", SourceTier.PRESS, ""),
    "vestikavkaza.ru": ("Vestnik Kavkaza", SourceTier.PRESS, ""),
    "azernews.az": ("AzerNews", SourceTier.PRESS, "en"),
    "dknews.kz": ("DKNews", SourceTier.PRESS, ""),
    "kazakh-tv.kz": ("Kazakh TV", SourceTier.PRESS, ""),
    "vlast.kz": ("Vlast.kz", SourceTier.PRESS, "ru"),
    "ntv.com.tr": ("NTV", SourceTier.PRESS, "tr"),
    "syriatimes.sy": ("Syria Times", SourceTier.PRESS, "en"),
    "neweurope.eu": ("New Europe", SourceTier.PRESS, "en"),
    "sbs.com.au": ("SBS", SourceTier.PRESS, "en"),
    "nu.nl": ("NU.nl", SourceTier.PRESS, "nl"),
    "zeenews.india.com": ("Zee News", SourceTier.PRESS, "en"),
    "pravda.com.ua": ("Ukrainska Pravda", SourceTier.PRESS, ""),
    "elnashra.com": ("Elnashra", SourceTier.PRESS, "ar"),
    "news.ru": ("News.ru", SourceTier.PRESS, "ru"),
    "kayhan.ir": ("Kayhan", SourceTier.PRESS, ""),
    "sapo.pt": ("SAPO", SourceTier.PRESS, "pt"),
    "thediplomaticinsight.com": ("The Diplomatic Insight", SourceTier.PRESS, "en"),
    "tvcnews.tv": ("TVC News", SourceTier.PRESS, "en"),
    "theguardian.com": ("The Guardian", SourceTier.PRESS, "en"),
    "jpost.com": ("The Jerusalem Post", SourceTier.PRESS, "en"),
    "newsweek.com": ("Newsweek", SourceTier.PRESS, "en"),
    "globaltimes.cn": ("Global Times", SourceTier.PRESS, "en"),
    "newindianexpress.com": ("The New Indian Express", SourceTier.PRESS, "en"),
    "themalaymailonline.com": ("Malay Mail", SourceTier.PRESS, "en"),
    "thearabweekly.com": ("The Arab Weekly", SourceTier.PRESS, "en"),
    "newarab.com": ("The New Arab", SourceTier.PRESS, "en"),
    "alaraby.co.uk": ("The New Arab", SourceTier.PRESS, ""),
    "almayadeen.net": ("Al Mayadeen", SourceTier.PRESS, ""),
    "enabbaladi.net": ("Enab Baladi", SourceTier.PRESS, ""),
    "majalla.com": ("Al Majalla", SourceTier.PRESS, ""),
    "alghad.com": ("Al Ghad", SourceTier.PRESS, ""),
    "albawaba.com": ("Al Bawaba", SourceTier.PRESS, ""),
    "t24.com.tr": ("T24", SourceTier.PRESS, ""),
    "anews.com.tr": ("A News", SourceTier.PRESS, ""),
    "news.az": ("News.az", SourceTier.PRESS, ""),
    "panarmenian.net": ("PanARMENIAN.Net", SourceTier.PRESS, ""),
    "eghtesadonline.com": ("Eghtesad Online", SourceTier.PRESS, ""),
    # other: aggregators, blogs, encyclopaedias and their mirrors, link shorteners, sites no
    # analyst would cite for a fact. Named by their site, so the reader sees what they are.
    "kznewsline.com": ("KZ Newsline", SourceTier.OTHER, "en"),
    "insidesyriamc.com": ("Inside Syria Media Center", SourceTier.OTHER, ""),
    "syrianconstitution2017.wordpress.com": (
        "syrianconstitution2017 (blog)",
        SourceTier.OTHER,
        "en",
    ),
    "syria360.wordpress.com": ("Syria 360 (blog)", SourceTier.OTHER, "en"),
    "rusreality.com": ("Rusreality", SourceTier.OTHER, "en"),
    "kazakistan.kz": ("kazakistan.kz", SourceTier.OTHER, ""),
    "bit.ly": ("Bitly link (target not recorded)", SourceTier.OTHER, ""),
    "larouchepub.com": ("LaRouche Publications (EIR)", SourceTier.OTHER, "en"),
    "news-front.su": ("News Front", SourceTier.OTHER, ""),
    "masress.com": ("Masress (aggregator)", SourceTier.OTHER, "ar"),
    "menafn.com": ("MENAFN (aggregator)", SourceTier.OTHER, "en"),
    "astanacalling.com": ("Astana Calling", SourceTier.OTHER, "en"),
    "xebersaati.com": ("Xeber Saati", SourceTier.OTHER, ""),
    "projehirani.ir": ("Projeh Irani", SourceTier.OTHER, ""),
    "muraselon.com": ("Muraselon", SourceTier.OTHER, ""),
    "vedeng.co": ("Vedeng", SourceTier.OTHER, ""),
    "qatar-news.org": ("qatar-news.org", SourceTier.OTHER, ""),
    "haberler.com": ("Haberler.com (aggregator)", SourceTier.OTHER, "tr"),
    "urdupoint.com": ("UrduPoint (aggregator)", SourceTier.OTHER, ""),
    "pakistanpoint.com": ("PakistanPoint (aggregator)", SourceTier.OTHER, ""),
    "sananews.online": ("sananews.online", SourceTier.OTHER, ""),
    "russia-islworld.ru": ("Russia - Islamic World", SourceTier.OTHER, ""),
    "twohaber.com": ("Two Haber", SourceTier.OTHER, "tr"),
    "gazetemanifesto.com": ("Gazete Manifesto", SourceTier.OTHER, "tr"),
    "ognreports.news": ("OGN Reports", SourceTier.OTHER, "en"),
    "syriaintransition.com": ("Syria in Transition", SourceTier.OTHER, "en"),
    "haberhergun.com": ("Haber Her Gün", SourceTier.OTHER, "tr"),
    "sardismarkets24.com": ("sardismarkets24.com", SourceTier.OTHER, ""),
    "observerdiplomat.com": ("Observer Diplomat", SourceTier.OTHER, ""),
    "zerohedge.com": ("ZeroHedge", SourceTier.OTHER, "en"),
    "zero-ready.com": ("zero-ready.com", SourceTier.OTHER, ""),
    "sott.net": ("Sott.net", SourceTier.OTHER, "en"),
    "levanttimes.com": ("Levant Times", SourceTier.OTHER, ""),
    "rodina.news": ("rodina.news", SourceTier.OTHER, "ru"),
    "breitbart.com": ("Breitbart", SourceTier.OTHER, "en"),
    "uawire.org": ("UAWire", SourceTier.OTHER, "en"),
    "theleadersnews.com": ("The Leaders News", SourceTier.OTHER, ""),
    "iuvmdaily.com": ("IUVM Daily", SourceTier.OTHER, ""),
    "eurasia.ro": ("eurasia.ro", SourceTier.OTHER, ""),
    "smmsyria.com": ("smmsyria.com", SourceTier.OTHER, ""),
    "tellerreport.com": ("Teller Report (aggregator)", SourceTier.OTHER, ""),
    "monitorulapararii.ro": ("Monitorul Apărării", SourceTier.OTHER, ""),
    "voltairenet.org": ("Réseau Voltaire", SourceTier.OTHER, ""),
    "wikimili.com": ("WikiMili (Wikipedia mirror)", SourceTier.OTHER, "en"),
    "suriyegundemi.com": ("Suriye Gündemi", SourceTier.OTHER, ""),
    "owiki.org": ("owiki.org (Wikipedia mirror)", SourceTier.OTHER, "en"),
    "cimple.eu": ("CIMPLE news dataset", SourceTier.OTHER, ""),
    "wikipedia.org": ("Wikipedia", SourceTier.OTHER, ""),
    "phil-bonus-and-reviews.com": ("phil-bonus-and-reviews.com", SourceTier.OTHER, ""),
    "garda.com": ("Crisis24 (GardaWorld)", SourceTier.OTHER, ""),
    "uncut-news.ch": ("uncut-news.ch", SourceTier.OTHER, "de"),
    "iphonefresh.com": ("iphonefresh.com", SourceTier.OTHER, ""),
    "chipiona.org": ("chipiona.org", SourceTier.OTHER, ""),
    "blueballoon.travel": ("Blue Balloon (travel site)", SourceTier.OTHER, "en"),
    "piglix.com": ("Piglix (Wikipedia mirror)", SourceTier.OTHER, "en"),
    "conflict-news.com": ("Conflict News", SourceTier.OTHER, "en"),
    "preciouskashmir.com": ("Precious Kashmir", SourceTier.OTHER, "en"),
    "know.cf": ("know.cf (Wikipedia mirror)", SourceTier.OTHER, "en"),
    "intmassmedia.com": ("International Mass Media", SourceTier.OTHER, "en"),
    "wikiwand.com": ("Wikiwand (Wikipedia mirror)", SourceTier.OTHER, "en"),
    "leisuretravelaid.com": ("leisuretravelaid.com", SourceTier.OTHER, ""),
    "riteme.site": ("riteme.site (Wikipedia mirror)", SourceTier.OTHER, "en"),
}


# An edition named by the first label of the host or the first segment of the path.
EDITION_LANGUAGES = {"en", "ru", "it", "fr", "de", "tr", "ar", "eng", "english", "farsi"}
EDITION_CODES = {"eng": "en", "english": "en", "farsi": "fa"}


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def _entry(url: str) -> tuple[str, str, str] | None:
    host = _host(url)
    while host:
        if host in OUTLETS:
            return OUTLETS[host]
        _, _, host = host.partition(".")
    return None


def source_of(url: str) -> tuple[str, str]:
    """The ``(outlet, tier)`` of a source URL; ``("", "other")`` for a host not listed."""
    entry = _entry(url)
    if entry is None:
        return "", str(SourceTier.OTHER)
    return entry[0], str(entry[1])


def language_of(url: str) -> str:
    """The language of the edition a URL is in (ISO 639-1), or "" when the URL does not say.

    From the host's or path's edition marker (``en.inform.kz``, ``/en/``, ``/eng/``), else the
    single language the outlet publishes in; never guessed from the words of the URL.
    """
    parts = urlsplit(url)
    label = _host(url).split(".")[0]
    segment = parts.path.strip("/").split("/")[0].lower()
    for marker in (label, segment):
        if marker in EDITION_LANGUAGES:
            return EDITION_CODES.get(marker, marker)
    entry = _entry(url)
    return entry[2] if entry else ""
