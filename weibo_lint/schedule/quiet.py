"""Days to stay quiet: national memorial and mourning days on which a brand posts no promotion.

A quiet day is a *rule* for the dates it falls on: one date (``2026-04-04``), a day of every
year (``12-13``) or Qingming (``qingming``), the solar term 清明, on April 4 or 5 depending
on the year. The built-in days (:data:`BUILTIN`) are the national commemorations fixed by
law or observed nationwide; weibo.yaml's ``quiet_days:`` adds days (a national day of
mourning is announced a day or two ahead, and no list can know it) and turns days off with
``quiet: false`` (``config_quiet.py`` reads the section).

Qingming comes from ``lunar_python`` (6tail's lunar, a port of the 寿星天文历 algorithm):
it computes the solar terms astronomically for any year, in China Standard Time, where a
closed formula (``[Y×0.2422+C]−[Y/4]``) holds for one century only. Its dates equal the
published ones (tests/schedule/test_quiet.py holds 2000–2050 against them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

QINGMING = "qingming"
QINGMING_NAMES = (QINGMING, "清明", "清明节")
_YEARLY = re.compile(r"^(\d{2})-(\d{2})$")
_ONCE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@lru_cache(maxsize=256)
def qingming(year: int) -> date:
    """The day of the solar term 清明 in ``year`` (China Standard Time)."""
    from lunar_python import Solar  # imported on first use: the linter needs it only on days that ask

    # The lunar year around June holds the whole of the solar year's spring terms.
    term = Solar.fromYmd(year, 6, 1).getLunar().getJieQiTable()["清明"]
    return date(term.getYear(), term.getMonth(), term.getDay())


def parse_when(value: object) -> str:
    """The canonical rule of a ``date`` as written: ``YYYY-MM-DD``, ``MM-DD`` or ``qingming``;
    ValueError for anything else (a date that does not exist included)."""
    if isinstance(value, datetime):  # 2026-04-04 10:00: a moment, not a day
        raise ValueError(str(value))
    if isinstance(value, date):  # YAML reads an unquoted 2026-04-04 as a date
        return value.isoformat()
    text = str(value).strip().lower() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if text in QINGMING_NAMES:
        return QINGMING
    once, yearly = _ONCE.match(text), _YEARLY.match(text)
    if once:
        date(int(once[1]), int(once[2]), int(once[3]))  # ValueError for 2026-02-30
        return text
    if yearly:
        date(2000, int(yearly[1]), int(yearly[2]))  # a leap year: 02-29 is a yearly day too
        return text
    raise ValueError(text)


@dataclass(frozen=True)
class QuietDay:
    """One entry of the calendar: when, why, for which accounts, and whether it is quiet."""

    when: str  # YYYY-MM-DD | MM-DD | qingming (as parse_when makes it)
    reason: str
    accounts: tuple[str, ...] | None = None  # account keys; None: every account
    quiet: bool = True  # False: an exception that makes its dates ordinary again
    builtin: bool = False
    line: int = 0  # in weibo.yaml (0 for a built-in day)

    def falls_on(self, day: date) -> bool:
        if self.when == QINGMING:
            return day.month == 4 and day == qingming(day.year)
        if len(self.when) == 5:
            return day.strftime("%m-%d") == self.when
        return day.isoformat() == self.when

    def applies_to(self, account: str | None) -> bool:
        return self.accounts is None or account in self.accounts


# The default list. Each is a national commemoration set by law or kept nationwide, on which
# a cheerful promotion reads as disrespect (README "Days to stay quiet" says why each is here
# and why 05-12 is not). Reasons are the days' official names.
BUILTIN: tuple[QuietDay, ...] = (
    # 《全国年节及纪念日放假办法》: a public holiday for remembering the dead.
    QuietDay(QINGMING, "清明节", builtin=True),
    # 全民族抗战爆发纪念日 (七七事变, 1937): state ceremonies at the 中国人民抗日战争纪念馆.
    QuietDay("07-07", "七七事变（全民族抗战爆发）纪念日", builtin=True),
    # 全国人大常委会 2014-02-27 决定: 中国人民抗日战争胜利纪念日.
    QuietDay("09-03", "中国人民抗日战争胜利纪念日", builtin=True),
    # 九一八事变 (1931): air-raid sirens sound in cities across the country.
    QuietDay("09-18", "九一八事变纪念日", builtin=True),
    # 全国人大常委会 2014-08-31 决定: 烈士纪念日.
    QuietDay("09-30", "烈士纪念日", builtin=True),
    # 全国人大常委会 2014-02-27 决定: 南京大屠杀死难者国家公祭日.
    QuietDay("12-13", "南京大屠杀死难者国家公祭日", builtin=True),
)


@dataclass(frozen=True)
class QuietCalendar:
    """The built-in days and weibo.yaml's entries, in that order; a ``quiet: false`` entry
    silences every quiet day on its dates, for its accounts."""

    days: tuple[QuietDay, ...] = BUILTIN

    def on(self, day: date, account: str | None) -> QuietDay | None:
        """The quiet day that keeps ``account`` quiet on ``day`` (the first listed), or None."""
        if any(not d.quiet and d.falls_on(day) and d.applies_to(account) for d in self.days):
            return None
        return next((d for d in self.days if d.quiet and d.falls_on(day) and d.applies_to(account)), None)

    def with_entries(self, entries: tuple[QuietDay, ...]) -> QuietCalendar:
        return QuietCalendar(self.days + entries)
