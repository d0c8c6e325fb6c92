"""The language writers read: Simplified Chinese or English, with the standard gettext chain.

Messages are written in English in the code, marked with :func:`_` (or :func:`ngettext`),
extracted into ``weibo_lint/locale/weibo_lint.pot`` and translated in
``locale/zh_CN/LC_MESSAGES/weibo_lint.po`` with Babel (``scripts/i18n``); the compiled
``.mo`` ships with the package and the standard library's :mod:`gettext` reads it at run
time. Placeholders are named (``{path}``), so a translation may put them in its own order.

Which language: ``WEIBO_LINT_LANG`` if set; else weibo.yaml's ``language``; else Chinese
when ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` (the first one set, as POSIX reads them)
starts with ``zh``; else English. Rule codes and names are ids and stay as they are.

The active language is process-wide: a command sets it once (:func:`activate`) before any
message is made, and forked workers inherit it. It is part of the cache's key, since cached
results hold their messages.
"""
from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "weibo_lint"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("zh-CN", "en")
ENV = "WEIBO_LINT_LANG"

_active = "en"
_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def choose(configured: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The language to speak: ``zh-CN`` or ``en`` (see the module docstring for the order)."""
    forced = language_tag(environ.get(ENV, ""))
    if forced:
        return forced
    if configured in LANGUAGES:
        return configured
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh-CN" if value.lower().startswith("zh") else "en"
    return "en"


def language_tag(value: str) -> str | None:
    """``zh``, ``zh_CN``, ``zh-CN.UTF-8``, ``zh-Hans`` → ``zh-CN``; ``en…``/``C`` → ``en``;
    None for empty or unknown values."""
    value = value.strip().lower()
    if not value:
        return None
    if value.startswith("zh"):
        return "zh-CN"
    if value.startswith(("en", "c", "posix")):
        return "en"
    return None


def activate(language: str) -> None:
    """Speak ``language`` (``zh-CN`` or ``en``) from now on, in this process and its forks."""
    global _active, _translation
    language = language_tag(language) or "en"
    if language == "en":
        _translation = _gettext.NullTranslations()
    else:
        _translation = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language.replace("-", "_")],
                                            fallback=True)
    _active = language


def current() -> str:
    return _active


def _(message: str) -> str:
    """``message`` in the active language (itself when it has no translation)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:  # the gettext name for "mark only, translate later"
    """Marks ``message`` for extraction where it is translated later (tables of texts)."""
    return message


WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def weekday(day) -> str:
    """The short name of ``day``'s weekday (a date or datetime) in the active language."""
    return _(WEEKDAYS[day.weekday()])
