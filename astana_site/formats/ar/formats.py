# Arabic months are not abbreviated; digits stay Western (0-9).
DATE_FORMAT = "j F Y"  # 29 يناير 2018
SHORT_DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"  # 30 يوليو
YEAR_MONTH_FORMAT = "F Y"
