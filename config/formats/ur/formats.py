"""Urdu formats (Django ships none for `ur`). Read by Django through FORMAT_MODULE_PATH.

Digits stay Western Arabic (0-9), as Pakistani banks, Stripe and most Urdu newspapers
print amounts; numbers are grouped in thousands (5,000 and 1,500,000), the same way the
English pages and the donor's bank statement write them, so one amount reads the same
everywhere. Month names come from Django's Urdu catalog.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y، H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
