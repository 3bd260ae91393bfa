DATE_FORMAT = "j E Y"  # 29 января 2018 (no "г.": two dates of a span read as one)
SHORT_DATE_FORMAT = "j E Y"  # 29 января 2018 (month in the genitive)
MONTH_DAY_FORMAT = "j E"  # 30 июля
YEAR_MONTH_FORMAT = "F Y"
