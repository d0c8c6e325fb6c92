"""weibo.yaml: found by walking up from a folder, validated into a frozen :class:`Config`.

Every error names the file, the key and what was expected, and stops the command with
exit code 2: a broken configuration is not a lint finding, it makes all findings moot.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import tzinfo
from pathlib import Path
from typing import Any

from weibo_lint.budget.settings import BudgetSettings, read_budget
from weibo_lint.config_quiet import read_quiet_days
from weibo_lint.config_sections import publish_errors, site_errors, unknown_keys
from weibo_lint.config_words import Lexicon, read_enforce, read_lexicons
from weibo_lint.errors import ConfigError
from weibo_lint.freeze import Freeze, parse_freezes
from weibo_lint.frontmatter import SourceError, load_yaml
from weibo_lint.i18n import _
from weibo_lint.model import API_MODES, Account, Posting
from weibo_lint.redact import TOKEN_ENV, TOKEN_PREFIX
from weibo_lint.schedule.quiet import QuietCalendar
from weibo_lint.schema import did_you_mean
from weibo_lint.times import parse_clock, parse_duration, zone

CONFIG_NAME = "weibo.yaml"
DEFAULT_PATHS = {"posts": "posts", "columns": "columns", "templates": "templates", "cache": ".weibo-lint-cache",
                 "published": "published", "metrics": "metrics", "usage": "usage"}
TOP_KEYS = ("timezone", "language", "accounts", "rules", "paths", "api_base", "counting", "publish", "site",
            "quiet_days", "enforce", "lexicons", "freeze", "budget")
LANGUAGES = ("zh-CN", "en")
ACCOUNT_KEYS = ("name", "api", "limit", "safe_domain", "token_env", "pictures", "posting", "max_delay", "rip",
                "uid", "daily_calls")
POSTING_KEYS = ("min_per_day", "max_per_day", "min_gap", "windows", "horizon")
LEVELS = ("error", "warning", "info", "off")


@dataclass(frozen=True)
class RuleSetting:
    level: str | None = None  # None: the rule's default
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    root: Path
    path: Path | None
    timezone: tzinfo
    timezone_name: str
    accounts: Mapping[str, Account]
    rules: Mapping[str, RuleSetting]  # keyed by rule code or name, as written
    paths: Mapping[str, str]
    api_base: str | None = None
    astral_bytes: int = 4
    publish: Mapping[str, Any] = field(default_factory=dict)
    site: Mapping[str, Any] = field(default_factory=dict)
    fingerprint: str = ""  # changes whenever the file does; part of every cache key
    posting_lines: Mapping[str, int] = field(default_factory=dict)  # account key -> line of its posting rules
    language: str | None = None  # zh-CN | en, as weibo.yaml says (None: not said)
    quiet: QuietCalendar = field(default_factory=QuietCalendar)  # built-in quiet days and quiet_days:
    enforce: tuple[str, ...] = ()  # rule codes or names, as written, that no post may disable
    lexicons: tuple[Lexicon, ...] = ()  # the team's word lists (WB505)
    freeze: tuple[Freeze, ...] = ()  # periods without publishing (weibo_lint/freeze.py)
    budget: BudgetSettings = field(default_factory=BudgetSettings)  # the daily API budget (weibo_lint/budget)

    def account(self, ref: str | None) -> Account | None:
        """An account by its key or by its screen name."""
        if ref is None:
            return None
        if ref in self.accounts:
            return self.accounts[ref]
        return next((a for a in self.accounts.values() if a.name == ref), None)

    def dir(self, name: str) -> Path:
        return self.root / self.paths[name]


def find_config(start: Path) -> Path | None:
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / CONFIG_NAME
        if candidate.exists() or candidate.is_symlink():
            # Anything named weibo.yaml marks the repository: one that is no file is an error,
            # not a reason to walk on and find some other repository's settings.
            return candidate
    return None


ConfigValidator = Callable[["Config"], list]  # more errors of a whole configuration (the rules' settings)


def load_config(path: Path | None, start: Path | None = None, *,
                validators: tuple[ConfigValidator, ...] = ()) -> Config:
    """Read ``path`` (or the weibo.yaml found above ``start``); a missing file means defaults."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return build_config({}, root=(start or Path.cwd()).resolve(), path=None, digest="defaults")
    raw = _read_config(path)
    try:
        data = load_yaml(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(_("{path}: not valid UTF-8").format(path=path)) from None
    except SourceError as exc:
        raise ConfigError(_("{path}:{line}: {message}").format(path=path, line=exc.line, message=exc.message)) from None
    try:
        config = build_config(data, root=path.resolve().parent, path=path, digest=hashlib.sha256(raw).hexdigest(),
                              validators=validators)
    except ConfigError as exc:
        text = raw.decode("utf-8-sig")
        located = [_with_line(message, str(path), text) for message in exc.messages]
        raise ConfigError.of(sorted(located, key=lambda m: _line_of(m, str(path)))) from None
    return replace(config, posting_lines=_posting_lines(raw.decode("utf-8-sig")))


def _line_of(message: str, where: str) -> int:
    """The line a located message names (``<where>:<line>: …``), 0 for none: errors in file order."""
    head = message[len(where) + 1:].split(":", 1)[0] if message.startswith(where + ":") else ""
    return int(head) if head.isdigit() else 0


_QUOTED_KEY = re.compile(r"'([^'\n]+)'")


def _with_line(message: str, where: str, text: str) -> str:
    """``message`` (``<where>: '<dotted.key>' …``) with the line of the key it names, when
    the YAML has it: ``<where>:<line>: …``. Only on this error path is the text composed again."""
    if not message.startswith(where + ": "):
        return message
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return message
    for quoted in _QUOTED_KEY.findall(message):
        node, line = root, None
        for part in quoted.split("."):
            if isinstance(node, yaml.SequenceNode) and part.isdigit():  # a list's entry (quiet_days.0.date, freeze.0.from)
                if int(part) >= len(node.value):
                    break
                node = node.value[int(part)]
                line = node.start_mark.line + 1
                continue
            pair = next(((k, v) for k, v in _pairs(node) if str(k.value) == part), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        if line is not None:
            return f"{where}:{line}:{message[len(where) + 1:]}"
    return message


def _read_config(path: Path) -> bytes:
    """weibo.yaml's bytes: a regular file, bounded, and (a link) in the folder it names as the
    repository's root, since the root is the folder of the file the link leads to."""
    from weibo_lint.safe_read import CONFIG_BYTES, read_regular

    if path.is_symlink() and path.resolve().parent != path.absolute().parent.resolve():
        raise ConfigError(_("{path}: a symbolic link to {value}, in another folder: make weibo.yaml a file of the repository").format(path=path, value=path.resolve()))
    raw = read_regular(path, CONFIG_BYTES)
    if isinstance(raw, OSError):
        raise ConfigError(_("{path}: cannot read the configuration: {value}").format(path=path, value=raw.strerror or raw))
    return raw


def _posting_lines(text: str) -> dict[str, int]:
    """Each account's line for the problems about its posting rules: that of its ``posting``
    key, else that of the account itself (1-based)."""
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # nodes keep their lines; text already loaded once
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}
    for key, value in _pairs(root):
        if key.value == "accounts":
            for account, settings in _pairs(value):
                posting = next((k for k, _v in _pairs(settings) if k.value == "posting"), account)
                lines[str(account.value)] = posting.start_mark.line + 1
    return lines


def _pairs(node) -> list:
    import yaml

    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def build_config(data: Any, *, root: Path, path: Path | None, digest: str,
                 validators: tuple[ConfigValidator, ...] = ()) -> Config:
    """The configuration, or ConfigError with every error at once: this module's, and those
    of ``validators`` (the rules' settings are the rule registry's to judge, a layer above)."""
    """The validated configuration; a :class:`ConfigError` holding every error found, not
    only the first (a new user fixing weibo.yaml one run at a time would run it ten times)."""
    where = str(path) if path else CONFIG_NAME
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(_("{where}: expected a mapping of settings at the top level").format(where=where))
    errors: list[str] = []

    def attempt(read, default=None):
        try:
            return read()
        except ConfigError as exc:
            errors.extend(exc.messages)
            return default

    attempt(lambda: _no_unknown(data, TOP_KEYS, where, ""))
    attempt(lambda: _finite_numbers(data, where, ""))
    tz_name = data.get("timezone", "Asia/Shanghai")
    tz = attempt(lambda: _zone(tz_name, where))
    language = data.get("language")
    if language is not None and language not in LANGUAGES:
        errors.append(_("{where}: 'language' must be one of {names}, got {language}").format(where=where, names=', '.join(LANGUAGES), language=repr(language)))
    accounts = attempt(lambda: _accounts(data.get("accounts") or {}, where), {})
    paths = dict(DEFAULT_PATHS)
    paths.update(attempt(lambda: _mapping(data.get("paths") or {}, where, "paths", str, tuple(DEFAULT_PATHS)), {}))
    attempt(lambda: _paths_inside(paths, root, where))
    counting = attempt(lambda: _mapping(data.get("counting") or {}, where, "counting", int, ("astral_weight",)), {})
    astral_weight = counting.get("astral_weight", 2)
    if not 1 <= astral_weight <= 4:  # the range `weibo-lint count --astral-weight` takes
        errors.append(_("{where}: 'counting.astral_weight' must be 1, 2, 3 or 4, got {astral_weight}").format(where=where, astral_weight=repr(astral_weight)))
    rules = attempt(lambda: _rules(data.get("rules") or {}, where, errors), {})
    api_base = attempt(lambda: _optional_str(data, "api_base", where))
    publish = attempt(lambda: _mapping(data.get("publish") or {}, where, "publish", object, None), {})
    errors.extend(publish_errors(publish, where))
    site = attempt(lambda: _mapping(data.get("site") or {}, where, "site", object, None), {})
    errors.extend(site_errors(site, where))
    listed = data.get("accounts")
    raw_accounts = listed if isinstance(listed, dict) else {}
    quiet, quiet_errors = read_quiet_days(data.get("quiet_days"), where, raw_accounts)
    errors.extend(quiet_errors)
    enforce, enforce_errors = read_enforce(data.get("enforce"), where)
    lexicons, lexicon_errors = read_lexicons(data.get("lexicons"), root, where)
    errors.extend(enforce_errors + lexicon_errors)
    freezes, freeze_errors = parse_freezes(data.get("freeze"), tz, accounts, where) if tz else ((), [])
    errors.extend(freeze_errors)
    budget, budget_errors = read_budget(data, where)
    errors.extend(budget_errors)
    config = Config(
        root=root,
        path=path,
        timezone=tz,
        timezone_name=str(tz_name),
        accounts=accounts,
        rules=rules,
        paths=paths,
        api_base=api_base,
        astral_bytes=2 * astral_weight,
        publish=publish,
        site=site,
        fingerprint=digest,
        language=language,
        quiet=quiet,
        enforce=enforce,
        lexicons=lexicons,
        freeze=freezes,
        budget=budget,
    )
    if rules or enforce:
        for validate in validators:
            errors.extend(validate(config))
    if errors:
        raise ConfigError.of(errors)
    return config


def _zone(name: Any, where: str) -> tzinfo:
    try:
        return zone(str(name))
    except ValueError as exc:
        raise ConfigError(_("{where}: 'timezone': {exc}").format(where=where, exc=exc)) from None


def _finite_numbers(value: Any, where: str, at: str) -> None:
    """No setting may be .inf or .nan: a timeout or threshold of infinity is a typo, and
    comparisons with nan are all false, so it would pass every check that follows."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(_("{where}: '{at}' must be a finite number, got {value}").format(where=where, at=at, value=repr(value)))
    if isinstance(value, dict):
        for key, item in value.items():
            _finite_numbers(item, where, f"{at}.{key}" if at else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _finite_numbers(item, where, f"{at}[{index}]")


def _paths_inside(paths: Mapping[str, str], root: Path, where: str) -> None:
    """Every folder of ``paths`` inside the repository, with links followed: the tool reads
    and writes there, and a pull request must not point it at another folder of the machine."""
    import os

    real_root = os.path.realpath(root)
    reals = {}
    for name, value in paths.items():
        real = reals[name] = os.path.realpath(os.path.join(real_root, value))
        below = real.startswith(real_root.rstrip(os.sep) + os.sep)
        if not (below or (real == real_root and name != "cache")):  # the cache owns its folder
            raise ConfigError(_("{where}: 'paths.{name}' must be a folder inside the repository, got {value}").format(where=where, name=name, value=repr(value))
                              + (_(" (it leads to {real})").format(real=real) if real != os.path.normpath(value) else ""))
    cache = reals["cache"]
    for name, real in reals.items():  # the cache writes a '.gitignore' of '*': never over content
        if name != "cache" and (real == cache or real.startswith(cache + os.sep)):
            raise ConfigError(_("{where}: 'paths.cache' must be a folder of its own, not one holding 'paths.{name}'").format(where=where, name=name))


def _no_unknown(data: Mapping, known: tuple[str, ...], where: str, prefix: str) -> None:
    errors = unknown_keys(data, known, where, prefix)
    if errors:
        raise ConfigError.of(errors)


def _mapping(value: Any, where: str, key: str, kind: type, known: tuple[str, ...] | None) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(_("{where}: '{key}' must be a mapping").format(where=where, key=key))
    if known is not None:
        _no_unknown(value, known, where, key + ".")
    for name, item in value.items():
        if kind is not object and (not isinstance(item, kind) or isinstance(item, bool)):
            raise ConfigError(_("{where}: '{key}.{name}' must be a {kind}, got {item}").format(where=where, key=key, name=name, kind=kind.__name__, item=repr(item)))
    return dict(value)


def _optional_str(data: Mapping, key: str, where: str, prefix: str = "") -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(_("{where}: '{prefix}{key}' must be a text, got {value}").format(where=where, prefix=prefix, key=key, value=repr(value)))
    return value


def _accounts(value: Any, where: str) -> dict[str, Account]:
    if not isinstance(value, dict):
        raise ConfigError(_("{where}: 'accounts' must map an account key to its settings").format(where=where))
    accounts: dict[str, Account] = {}
    errors: list[str] = []
    for key, spec in value.items():  # every account read, each with all its errors
        try:
            accounts[str(key)] = _account(str(key), spec, where)
        except ConfigError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ConfigError.of(errors)
    return accounts


def _account(key: str, spec: Any, where: str) -> Account:
    at = f"accounts.{key}"
    if not isinstance(spec, dict):
        raise ConfigError(_("{where}: '{at}' must be a mapping with name, api, …").format(where=where, at=at))
    errors = unknown_keys(spec, ACCOUNT_KEYS, where, at + ".")  # every error of the account, not the first
    for text_key in ("name", "safe_domain", "token_env", "rip"):
        try:
            _optional_str(spec, text_key, where, at + ".")
        except ConfigError as exc:
            errors.append(exc.message)
    api = spec.get("api", "manual")
    limit = spec.get("limit", 140 if api != "manual" else 2000)
    safe_domain = spec.get("safe_domain")
    pictures = spec.get("pictures", 9 if api == "manual" else 1)
    errors += _mode_errors(api, limit, safe_domain, pictures, where, at)
    token_env = spec.get("token_env")
    if api != "manual" and not token_env:
        token_env = f"WEIBO_TOKEN_{key.upper().replace('-', '_')}"
    errors += _token_env_errors(token_env, key, bool(spec.get("token_env")), where, at)
    try:
        max_delay = parse_duration(spec.get("max_delay", "6h"))
    except ValueError as exc:
        errors.append(_("{where}: '{at}.max_delay': {exc}").format(where=where, at=at, exc=exc))
    uid = spec.get("uid")
    if uid is not None and (isinstance(uid, bool) or not str(uid).strip().isdigit()):
        errors.append(_("{where}: '{at}.uid' must be the account's numeric Weibo user id, got {uid}").format(where=where, at=at, uid=repr(uid)))
    try:
        posting = _posting(spec.get("posting") or {})
    except ValueError as exc:
        errors.append(_("{where}: '{at}.posting': {exc}").format(where=where, at=at, exc=exc))
    if errors:
        raise ConfigError.of(errors)
    return Account(
        key=key,
        name=str(spec.get("name") or key),
        api=api,
        limit=limit,
        pictures=pictures,
        safe_domain=str(safe_domain) if safe_domain else None,
        token_env=token_env,
        posting=posting,
        max_delay=max_delay,
        rip=spec.get("rip"),
        uid=str(uid).strip() if uid is not None else None,
    )


def _mode_errors(api: Any, limit: Any, safe_domain: Any, pictures: Any, where: str, at: str) -> list[str]:
    """What an account's ``api`` mode asks of its ``limit``, ``safe_domain`` and ``pictures``."""
    errors = []
    if api not in API_MODES:
        errors.append(_("{where}: '{at}.api' must be one of {names}, got {api}{hint}").format(where=where, at=at, names=', '.join(API_MODES), api=repr(api), hint=did_you_mean(str(api), list(API_MODES))))
    if limit not in (140, 2000):
        errors.append(_("{where}: '{at}.limit' must be 140 or 2000, got {limit}").format(where=where, at=at, limit=repr(limit)))
    if api == "share" and limit != 140:
        # docs/platform.md §2.1: statuses/share has no long-text option.
        errors.append(_("{where}: '{at}.limit' must be 140: share accounts cannot post long text").format(where=where, at=at))
    if api == "share" and not safe_domain:
        errors.append(_("{where}: '{at}.safe_domain' is required for api 'share' (statuses/share needs a link on it)").format(where=where, at=at))
    if isinstance(pictures, bool) or not isinstance(pictures, int) or pictures < 0:
        errors.append(_("{where}: '{at}.pictures' must be a whole number, got {pictures}").format(where=where, at=at, pictures=repr(pictures)))
    return errors


def _token_env_errors(token_env: Any, key: str, written: bool, where: str, at: str) -> list[str]:
    """Only variables meant for Weibo tokens: a changed weibo.yaml must not be able to send
    another secret of the workflow (GITHUB_TOKEN, a cloud key) to api_base. ``written``: the
    name is in weibo.yaml (else it was made from the account key)."""
    if not isinstance(token_env, str) or not token_env or TOKEN_ENV.match(token_env):
        return []
    return [_("{where}: '{at}.token_env' must name a variable {TOKEN_PREFIX}<NAME> (capital letters, digits, _), got {token_env}").format(where=where, at=at, TOKEN_PREFIX=TOKEN_PREFIX, token_env=repr(token_env)) + ("" if written else
                                                      _(" (from the account key {key}: set token_env)").format(key=repr(key)))]


def _posting(spec: Any) -> Posting:
    if not isinstance(spec, dict):
        raise ValueError("'posting' must be a mapping")
    unknown = [k for k in spec if k not in POSTING_KEYS]
    if unknown:
        raise ValueError(_("unknown posting setting {value}{hint}").format(value=repr(unknown[0]), hint=did_you_mean(str(unknown[0]), list(POSTING_KEYS))))
    windows = []
    listed = spec.get("windows") or []
    if not isinstance(listed, list):
        raise ValueError(_("posting windows must be a list like ['09:30-12:00'], got {listed}").format(listed=repr(listed)))
    for window in listed:
        start, sep, end = str(window).partition("-")
        if not sep:
            raise ValueError(_("posting window {window} must look like '09:30-12:00'").format(window=repr(window)))
        window_start, window_end = parse_clock(start), parse_clock(end)
        if window_start == window_end:
            raise ValueError(_("posting window {window} is empty: its start and end are the same time").format(window=repr(window)))
        windows.append((window_start, window_end))
    for key in ("min_per_day", "max_per_day"):
        number = spec.get(key)
        if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 0):
            raise ValueError(_("posting {key} must be a whole number ≥ 0, got {number}").format(key=key, number=repr(number)))
    low, high = spec.get("min_per_day"), spec.get("max_per_day")
    if low is not None and high is not None and low > high:
        raise ValueError(_("posting min_per_day ({low}) is above max_per_day ({high}): no day could satisfy both").format(low=low, high=high))
    return Posting(
        min_per_day=spec.get("min_per_day") or 0,
        max_per_day=spec.get("max_per_day"),
        min_gap=parse_duration(spec.get("min_gap", 0)),
        windows=tuple(windows),
        horizon=parse_duration(spec.get("horizon", "14d")),
    )


def _rules(value: Any, where: str, errors: list[str]) -> dict[str, RuleSetting]:
    """The rule settings that are well formed; what is wrong with the others goes to ``errors``."""
    if not isinstance(value, dict):
        raise ConfigError(_("{where}: 'rules' must map a rule code or name to a level or settings").format(where=where))
    rules = {}
    for key, spec in value.items():
        try:
            rules[str(key)] = _rule(key, spec, where)
        except ConfigError as exc:
            errors.extend(exc.messages)
    return rules


def _rule(key: Any, spec: Any, where: str) -> RuleSetting:
    if spec is False:
        spec = "off"  # YAML 1.1 reads a bare `off` as false
    if isinstance(spec, str):
        spec = {"level": spec}
    if not isinstance(spec, dict):
        raise ConfigError(_("{where}: 'rules.{key}' must be a level ({names}) or a mapping").format(where=where, key=key, names='|'.join(LEVELS)))
    options = dict(spec)
    level = options.pop("level", None)
    if level is not None and level not in LEVELS:
        raise ConfigError(_("{where}: 'rules.{key}.level' must be one of {names}, got {level}").format(where=where, key=key, names=', '.join(LEVELS), level=repr(level)))
    return RuleSetting(level=level, options=options)
