"""From a post to the exact text Weibo will receive: flattened body, column template.

Templates come from pull requests, so they run in Jinja's sandbox with
``StrictUndefined``: a typo in a variable name fails loudly instead of posting a gap.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from weibo_lint.flatten import Flat, flatten
from weibo_lint.i18n import _
from weibo_lint.model import Account, Column, Post
from weibo_lint.schema import COLUMN_FIELDS, POST_FIELDS
from weibo_lint.template_bounds import MAX_OUTPUT, BoundedEnvironment, TemplateLimit, render_bounded


class TemplateError(Exception):
    """A template that cannot be compiled or fails while rendering; ``line`` is the
    template's line at fault, when Jinja tells it."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


# Front matter and column keys a template may test for without the post having them:
# ``{% if post.link %}`` is how Jinja users write "if there is a link".
OPTIONAL_KEYS = frozenset(POST_FIELDS) | frozenset(COLUMN_FIELDS)


class _Undefined(jinja2.StrictUndefined):
    """Strict, except that a known but absent front matter or column key is false in a test
    (``{% if post.link %}``): printing it still fails, and so does testing a typo
    (``{% if post.lnk %}``), which would otherwise hide the link for good."""

    # jinja2 types StrictUndefined.__bool__ as its always-raising error; this one may answer.
    def __bool__(self) -> bool:  # type: ignore[override]
        if isinstance(self._undefined_obj, dict) and self._undefined_name in OPTIONAL_KEYS:
            return False
        return super().__bool__()


def _template_line(exc: BaseException) -> int | None:
    """The template line a rendering error comes from: Jinja rewrites the traceback so the
    template's frames carry its file name ('<template>' from a string) and line."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


@dataclass(frozen=True)
class Rendered:
    text: str  # exactly what will be posted
    flat: Flat
    body_at: int  # where the flattened body stands in ``text``; -1 if the template changed it

    @cached_property
    def _body_span(self) -> tuple[int, int]:
        """Where the posted body (``flat.text`` stripped) starts and ends in ``flat.text``."""
        text = self.flat.text
        lead = len(text) - len(text.lstrip())
        return lead, max(lead, len(text.rstrip()))

    def source_offset(self, offset: int, post: Post) -> int | None:
        """The file offset a character of ``text`` comes from, or None for template text."""
        start, end = self._body_span
        # Only the body itself: the white space around it was stripped, and what stands
        # there in ``text`` now is the template's.
        if self.body_at < 0 or not self.body_at + start <= offset < self.body_at + end:
            return None
        return post.body_offset + self.flat.map.source(offset - self.body_at)

    def verbatim_span(self, start: int, end: int, post: Post) -> tuple[int, int] | None:
        """The file span that ``text[start:end]`` was copied from verbatim, or None (template
        text, text the flattening changed, or code): only such spans can be fixed in the source."""
        at = self.source_offset(start, post)
        if at is None or post.text[at:at + end - start] != self.text[start:end]:
            return None
        flat_start, flat_end = start - self.body_at, end - self.body_at
        if any(code_start < flat_end and flat_start < code_end for code_start, code_end in self.flat.code):
            return None  # code is quoted as written: a fix must not rewrite it
        return at, at + end - start

    def body_line(self, post: Post) -> int:
        """The line of the body's first character that is posted (past blank lines and
        comments); the body's first line when nothing is."""
        start, end = self._body_span
        if start >= end:
            return post.body_line
        return post.text.count("\n", 0, post.body_offset + self.flat.map.source(start)) + 1


@lru_cache(maxsize=1)
def _environment() -> ImmutableSandboxedEnvironment:
    # Immutable: a template must not change the post it renders (``post.images.append(…)``
    # would otherwise reach the front matter the rules check after it). Bounded: it must not
    # take the run down either (see template_bounds).
    return BoundedEnvironment(undefined=_Undefined, autoescape=False, keep_trailing_newline=False)


@lru_cache(maxsize=256)
def compile_template(source: str) -> jinja2.Template:
    try:
        return _environment().from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(_("syntax error: {message}").format(message=exc.message), exc.lineno) from None


def syntax_error(source: str) -> TemplateError | None:
    """A template's syntax error, found by parsing alone (no compiling, so no constant
    folding to bound): for the problem shown on the template file itself."""
    try:
        _environment().parse(source)
    except jinja2.TemplateSyntaxError as exc:
        return TemplateError(_("syntax error: {message}").format(message=exc.message), exc.lineno)
    except RecursionError:
        return TemplateError(_("nesting too deep to read"))
    return None


def render_post(post: Post, column: Column | None, account: Account | None, template: str | None) -> Rendered:
    flat = flatten(post.body)
    body = flat.text.strip()
    if template is None:
        text = body
    else:
        values: Mapping[str, Any] = {
            "body": body,
            "post": dict(post.meta),
            "column": column.as_template_value() if column else {},
            "account": account.as_template_value() if account else {},
        }
        try:
            # The body's own length is WB101's to report: only what the template adds is bounded.
            text = render_bounded(lambda: compile_template(template), values, limit=MAX_OUTPUT + len(body))
        except TemplateError:
            raise
        except TemplateLimit as exc:
            raise TemplateError(str(exc), _template_line(exc)) from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(_("undefined value: {message}").format(message=exc.message), _template_line(exc)) from None
        except jinja2.exceptions.SecurityError as exc:
            raise TemplateError(_("not allowed in a template: {error}").format(error=exc), _template_line(exc)) from None
        except Exception as exc:  # a template may raise anything; report, never crash
            raise TemplateError(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__,
                                _template_line(exc)) from None
        text = text.strip()
    # Where the body landed, so findings in it map back to the Markdown.
    leading = len(flat.text) - len(flat.text.lstrip())
    found = text.find(body) if body else -1
    return Rendered(text=text, flat=flat, body_at=found - leading if found >= 0 else -1)
