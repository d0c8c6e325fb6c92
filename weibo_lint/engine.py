"""The linter's core: posts and columns in, problems out. No I/O here.

Two phases, like a static site builder: every post is parsed, rendered and checked on
its own (phase one, cacheable per file), then collection rules look at the whole
(phase two: cadence, collisions, duplicates). The engine stamps each finding with its
path, code, name and configured level, so no rule can mislabel itself.
"""
from __future__ import annotations

import bisect
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from weibo_lint import directives
from weibo_lint.collection import Collection
from weibo_lint.config import Config
from weibo_lint.errors import ConfigError
from weibo_lint.frontmatter import SourceError, decode, load_yaml, split, top_level_key_lines
from weibo_lint.i18n import _
from weibo_lint.model import Account, Column, ImageInfo, Post, PostSummary
from weibo_lint.problem import ORDER, Finding, Level, Problem
from weibo_lint.rules import ALL_RULES
from weibo_lint.rules.base import ColumnContext, PostContext, Rule
from weibo_lint.schema import (
    COLUMN_FIELDS,
    COLUMN_REQUIRED,
    SUPPRESS_KEY,
    did_you_mean,
    read_cadence,
    validate,
    validate_post,
)

if TYPE_CHECKING:
    from weibo_lint.render import Rendered


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    level: Level
    options: Any


class RuleSet:
    """The rules with their configured levels and options (validated once)."""

    def __init__(self, config: Config, rules: Iterable[Rule] = ALL_RULES) -> None:
        self.rules = {rule.code: rule for rule in rules}
        self.known = {**{r.code: r.code for r in self.rules.values()}, **{r.name: r.code for r in self.rules.values()}}
        where = str(config.path or "weibo.yaml")
        errors = []
        settings = {}
        for key, written in config.rules.items():
            if key not in self.known:
                errors.append(f"{where}: 'rules.{key}': no such rule{did_you_mean(key, self.known)}")
            else:
                settings[self.known[key]] = written
        self.enforced = frozenset(self.known[key] for key in config.enforce if key in self.known)
        errors += enforce_errors(config, self.known, settings, where)
        self.active: dict[str, ActiveRule] = {}
        for code, rule in self.rules.items():
            setting = settings.get(code)
            level = Level(setting.level) if setting and setting.level else rule.default_level
            try:
                options = rule.options(setting.options if setting else {}, f"{where}: 'rules.{code}'")
            except ValueError as exc:
                errors.append(str(exc))
                continue
            self.active[code] = ActiveRule(rule, level, options)
        if errors:
            raise ConfigError.of(errors)
        # Asked for once a post: worked out once.
        self._scopes = {scope: tuple(a for a in self.active.values() if scope in a.rule.scopes and a.level is not Level.OFF)
                        for scope in ("source", "post", "column", "collection")}

    def of_scope(self, scope: str) -> tuple[ActiveRule, ...]:
        return self._scopes.get(scope, ())

    def level(self, code: str) -> Level:
        return self.active[code].level

    def name(self, code: str) -> str:
        return self.rules[code].name


def enforce_errors(config: Config, known: Mapping[str, str], settings: Mapping[str, Any], where: str) -> list[str]:
    """What is wrong with ``enforce``: a rule that does not exist, or one ``rules`` turns off."""
    errors = []
    for key in config.enforce:
        if key not in known:
            errors.append(_("{where}: 'enforce': no such rule {key}{hint}").format(
                where=where, key=repr(key), hint=did_you_mean(key, known)))
        elif getattr(settings.get(known[key]), "level", None) == "off":
            errors.append(_("{where}: 'enforce': {key} is enforced, but 'rules' turns it off").format(
                where=where, key=key))
    return errors


def rule_setting_errors(config: Config) -> list[str]:
    """Every error in weibo.yaml's ``rules:`` (unknown rules, bad options), for the
    configuration to report with its other errors."""
    try:
        RuleSet(config)
    except ConfigError as exc:
        return list(exc.messages)
    return []


@dataclass(frozen=True)
class Env:
    """Everything a post's check depends on besides its own bytes."""

    config: Config
    rules: RuleSet
    columns: Mapping[str, Column]
    templates: Mapping[str, str]  # template file name -> its text
    probe_image: Callable[[str, str], ImageInfo]  # (path as written, post path) -> facts
    template_errors: Mapping[str, str] = field(default_factory=dict)  # unreadable template name -> why


@dataclass(frozen=True)
class PostResult:
    path: str
    problems: tuple[Problem, ...]
    summary: PostSummary | None
    images: tuple[ImageInfo, ...] = ()


class _Positions:
    """Offsets in a file's text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        index = text.find("\n")
        while index >= 0:
            self.starts.append(index + 1)
            index = text.find("\n", index + 1)

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def _stamp(path: str, code: str, rules: RuleSet, line: int, column: int, message: str, **extra) -> Problem | None:
    level = rules.level(code)
    if level is Level.OFF:
        return None
    return Problem(path, line, column, code, rules.name(code), level, message, **extra)


def source_problem(path: str, error, rules: RuleSet) -> list[Problem]:
    """A problem reading a file (WB001/WB002) or a directive (WB003/WB004), through its rule."""
    active = rules.active[error.code]
    problems = []
    for finding in active.rule.find(error, active.options):
        problem = _stamp(path, error.code, rules, finding.line or 1, finding.column or 1, finding.message)
        problems.extend([problem] if problem else [])
    return problems


def parse_post(path: str, raw: bytes, config: Config) -> Post:
    """Bytes to a :class:`Post`; raises :class:`SourceError` (WB001/WB002)."""
    text = decode(raw)
    front = split(text)
    issues, publish_at = validate_post(front.data, front.key_lines, config.timezone)
    return Post(path, text, front.data, front.key_lines, front.body, front.body_offset, front.body_line,
                publish_at, tuple(issues))


def resolve_limit(column: Column | None, account) -> int:
    limits = [x for x in ((column.limit if column else None), (account.limit if account else None)) if x]
    return min(limits) if limits else 140


@dataclass(frozen=True)
class Resolved:
    """A post's column and account, and its text as it will be posted (or why it cannot be)."""

    column: Column | None
    account: Account | None
    rendered: Rendered | None
    error: str | None  # the template is missing, unreadable or fails


def resolve_post(post: Post, env: Env) -> Resolved:
    """What ``check`` and ``preview`` both work out for a post: its column, its account, and
    its text rendered through the column's template."""
    # Imported here: Markdown and Jinja are slow to import (bench/check_bench.py), and a warm
    # run with nothing changed renders nothing.
    from weibo_lint.render import TemplateError, render_post

    column = env.columns.get(post.column or "")
    account = env.config.account(post.account or (column.account if column else None))
    template = None
    if column and column.template:
        template = env.templates.get(column.template)
        if template is None:
            why = env.template_errors.get(column.template)
            error = (_("template {name} of column {column} cannot be read: {why}") if why else
                     _("template {name} of column {column} does not exist")).format(
                name=repr(column.template), column=repr(column.slug), why=why)
            return Resolved(column, account, None, error)
    try:
        return Resolved(column, account, render_post(post, column, account, template), None)
    except TemplateError as exc:
        return Resolved(column, account, None,
                        template_message(env.config, column.template, exc) if column else str(exc))


def check_post(path: str, raw: bytes, env: Env) -> PostResult:
    """Phase one for one post file: parse, render, run the post rules, apply directives."""
    rules = env.rules
    try:
        post = parse_post(path, raw, env.config)
    except SourceError as exc:
        return PostResult(path, tuple(source_problem(path, exc, rules)), None)
    resolved = resolve_post(post, env)
    column, account, rendered, render_error = resolved.column, resolved.account, resolved.rendered, resolved.error
    images = tuple(env.probe_image(src, path) for src in _picture_sources(post, rendered))
    context = PostContext(post, env.config, column, account, rendered, render_error,
                          resolve_limit(column, account), images, tuple(env.columns),
                          tuple((slug, c.name) for slug, c in env.columns.items()))
    positions = _Positions(post.text)
    findings: list[tuple[str, Finding]] = []
    for active in rules.of_scope("post"):
        for finding in active.rule.find(context, active.options):
            findings.append((active.rule.code, finding))
    problems = _apply_directives(post, findings, positions, rendered, rules)
    summary = PostSummary(
        path=path,
        column=post.column,
        account=account.key if account else post.account,
        status=post.status,
        publish_at=post.publish_at,
        publish_line=post.line_of("publish_at"),
        text=rendered.text if rendered else None,
    )
    return PostResult(path, tuple(sorted(problems, key=ORDER)), summary, images)


def template_path(config: Config, name: str) -> str:
    """A template's path from the repository root, as problems name files."""
    return posixpath.normpath(posixpath.join(config.paths["templates"].replace("\\", "/"), name))


def template_message(config: Config, name: str | None, exc) -> str:
    """``templates/news.j2:3: unexpected '}'``: the template's file and line, when known."""
    where = template_path(config, name or "")
    return f"{where}:{exc.line}: {exc.message}" if exc.line else f"{where}: {exc.message}"


def check_templates(env: Env, names: Iterable[str] | None = None) -> list[Problem]:
    """WB104 on the template files themselves (all, or those ``names``), for syntax errors
    (each post using such a template reports it too, pointing here)."""
    from weibo_lint.render import syntax_error

    problems = []
    for name, source in sorted(env.templates.items()):
        if names is not None and name not in names:
            continue
        error = syntax_error(source)
        if error is not None:
            problem = _stamp(template_path(env.config, name), "WB104", env.rules, error.line or 1, 1, error.message)
            problems.extend([problem] if problem else [])
    return problems


def _picture_sources(post: Post, rendered: Rendered | None) -> list[str]:
    sources = list(post.images)
    if rendered is not None:
        sources += [picture.src for picture in rendered.flat.pictures if picture.src]
    return sources


def _locate(finding: Finding, post: Post, positions: _Positions, rendered: Rendered | None) -> tuple[int, int]:
    if finding.rendered is not None and rendered is not None:
        offset = rendered.source_offset(finding.rendered[0], post)
        if offset is not None:
            return positions.at(offset)
        return post.line_of("column"), 1  # text the template added: point at the column
    return finding.line or 1, finding.column or 1


def _apply_directives(post: Post, findings: list[tuple[str, Finding]], positions: _Positions,
                      rendered: Rendered | None, rules: RuleSet) -> list[Problem]:
    # Enforced rules are enforced here, for every rule alike: Suppressions never suppresses them.
    suppressions, meta_problems = directives.parse(post.text, rules.known, post.body_offset, rules.enforced)
    disabled = post.meta.get(SUPPRESS_KEY)
    if disabled == "all":
        suppressions.file_codes = None
    elif isinstance(disabled, list):
        suppressions.file_codes = frozenset(rules.known[c] for c in disabled if isinstance(c, str) and c in rules.known)
        meta_problems += [  # a typo here would silently suppress nothing, as in a comment
            directives.DirectiveProblem("WB003", post.line_of(SUPPRESS_KEY), 1,
                                        f"unknown rule {c!r} in '{SUPPRESS_KEY}'{did_you_mean(str(c), rules.known)}")
            for c in disabled if isinstance(c, str) and c not in rules.known
        ]
        meta_problems += [directives.enforced_problem(c, post.line_of(SUPPRESS_KEY), 1)
                          for c in disabled if isinstance(c, str) and rules.known.get(c) in rules.enforced]
    problems = []
    for code, finding in findings:
        line, column = _locate(finding, post, positions, rendered)
        if suppressions.suppresses(code, line):
            continue
        problem = _stamp(finding.path or post.path, code, rules, line, column, finding.message,
                         related=finding.related, fix=finding.fix)
        if problem:
            problems.append(problem if finding.level is None else replace(problem, level=finding.level))
    for meta in meta_problems + directives.unused(suppressions):
        problems.extend(source_problem(post.path, meta, rules))
    return problems


def parse_column(path: str, raw: bytes) -> Column:
    """A column file to a :class:`Column`; raises :class:`SourceError`."""
    text = decode(raw)
    data = load_yaml(text)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError("WB002", "a column file must be a mapping of keys to values")
    key_lines = top_level_key_lines(text)
    data = {str(k): v for k, v in data.items()}
    issues = validate(data, key_lines, COLUMN_FIELDS, COLUMN_REQUIRED)
    slug = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    cadence = None
    if "cadence" in data:
        try:
            cadence = read_cadence(data["cadence"])
        except ValueError:
            pass  # reported by validate
    slots = data.get("slots") or ()
    return Column(
        slug=slug,
        path=path,
        name=str(data.get("name") or slug),
        account=data.get("account") if isinstance(data.get("account"), str) else None,
        topic=str(data["topic"]).strip("#") if isinstance(data.get("topic"), str) else None,
        template=data.get("template") if isinstance(data.get("template"), str) else None,
        limit=data.get("limit") if isinstance(data.get("limit"), int) and not isinstance(data.get("limit"), bool)
        else None,
        cadence=cadence,
        slots=tuple(s for s in ([slots] if isinstance(slots, str) else slots) if isinstance(s, str))
        if isinstance(slots, (str, list)) else (),
        data=data,
        key_lines=key_lines,
        issues=tuple(issues),
    )


def load_columns(files: Mapping[str, bytes], rules: RuleSet) -> tuple[dict[str, Column], list[Problem]]:
    columns: dict[str, Column] = {}
    problems: list[Problem] = []
    for path in sorted(files):
        try:
            column = parse_column(path, files[path])
        except SourceError as exc:
            problems.extend(source_problem(path, exc, rules))
            continue
        columns[column.slug] = column
    return columns, problems


def check_columns(columns: Mapping[str, Column], env: Env) -> list[Problem]:
    problems = []
    for column in columns.values():
        context = ColumnContext(column, env.config, frozenset(env.templates))
        for active in env.rules.of_scope("column"):
            for finding in active.rule.find(context, active.options):
                problem = _stamp(finding.path or column.path, active.rule.code, env.rules, finding.line or 1,
                                 finding.column or 1, finding.message, related=finding.related)
                problems.extend([problem] if problem else [])
    return problems


def check_collection(collection: Collection, rules: RuleSet) -> list[Problem]:
    problems = []
    for active in rules.of_scope("collection"):
        for finding in active.rule.find(collection, active.options):
            problem = _stamp(finding.path or "", active.rule.code, rules, finding.line or 1, finding.column or 1,
                             finding.message, related=finding.related)
            problems.extend([problem] if problem else [])
    return problems
