"""Date formats per language, over Django's own (``FORMAT_MODULE_PATH``).

Every language here writes the day before the month, so a span of days shares one month and
year ("29–30 Jan 2018", "29–30 января 2018", "29–30 Oca 2018", "29–30 يناير 2018"; see
``astana_site.dates.date_span``). Arabic keeps Western digits, as Syrian and Gulf news agencies
(SANA, Al Jazeera) print them.
"""
