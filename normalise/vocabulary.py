"""Words and patterns the report formats share, written once.

Pattern strings (not compiled) so modules build their own expressions from
them: a financial year as printed ("2017-18", "2017/18", "2016.17",
"2017–2018"), the dashes reports print, month names and quarter numbers.
"""

from __future__ import annotations

# "2017-18", "2017/18", "2016.17", "2017 - 18", "2017–2018".
FINANCIAL_YEAR = r"20\d\d\s*[./\-\u2013]\s*(?:20)?\d\d"
# A hyphen, an en dash or an em dash.
DASH = r"[-\u2013\u2014]"
# "Jan", "January", "Sept", …
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)
# "1".."4" or the number as a word.
QUARTER_NUMBER = r"(?:[1-4]|one|two|three|four)"
