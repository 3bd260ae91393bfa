DATE_FORMAT = "j F Y"  # 29 January 2018
SHORT_DATE_FORMAT = "j M Y"  # 29 Jan 2018
MONTH_DAY_FORMAT = "j M"  # 30 Jul (the first day of a span across months)
YEAR_MONTH_FORMAT = "F Y"
