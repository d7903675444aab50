"""English dates as international English writes them: '18 September 2024', never the ambiguous 9/18/2024.

Documenters read reports from many countries; day-month-year in words, and ISO dates where short,
read the same to all of them.
"""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
FIRST_DAY_OF_WEEK = 1
