"""Hover, inlay hint and code lens: the post as it will be posted, its count and limit.

Pure functions of a :class:`~weibo_lint.lsp.project.Checked` post: the hover shows the
rendered text, ``count/limit``, the column, the account, how it goes out (the API route)
and when; the inlay hint and the code lens show the live ``count/limit``.
"""
from __future__ import annotations

from lsprotocol import types

from weibo_lint.i18n import _
from weibo_lint.lsp.positions import Buffer
from weibo_lint.lsp.project import Checked


def counted(checked: Checked) -> str | None:
    """``128/140``, or None when the post cannot be rendered."""
    return None if checked.count is None else f"{checked.count}/{checked.limit}"


def verdict(checked: Checked) -> str:
    count, limit = checked.count or 0, checked.limit
    if count == 0:
        return _("EMPTY")
    return _("OK") if count <= limit else _("over by {count}").format(count=count - limit)


def route(api: str) -> str:
    return {"share": _("share: statuses/share (the text must hold a link to the app's safe domain)"),
            "update": _("update: statuses/update (the advanced write right)"),
            "manual": _("manual: weibo-lint publish prints it, a person pastes it into Weibo")}.get(api, api)


def hover_markdown(checked: Checked) -> str | None:
    """The hover's Markdown: what will be posted and how (None: not a post the linter could read)."""
    post, resolved = checked.post, checked.resolved
    if post is None or resolved is None:
        return None
    lines = []
    if resolved.rendered is None:
        lines.append(_("**Cannot be rendered:** {why}").format(why=resolved.error or ""))
    else:
        fence = "````" if "```" in resolved.rendered.text else "```"
        lines += [f"{fence}text", resolved.rendered.text, fence, ""]
        lines.append(_("**Count:** {count} ({verdict})").format(count=counted(checked), verdict=verdict(checked)))
    account, column = resolved.account, resolved.column
    lines.append(_("**Column:** {column}").format(
        column=f"{column.name} ({column.slug})" if column else (post.column or _("(none)"))))
    if account is not None:
        lines.append(_("**Account:** {name} ({key})").format(name=account.name, key=account.key))
        lines.append(_("**Publishing path:** {route}").format(route=route(account.api)))
    else:
        lines.append(_("**Account:** {name}").format(name=_("(unknown)")))
    when = post.publish_at.isoformat(sep=" ") if post.publish_at else _("(not scheduled)")
    lines.append(_("**Publish:** {when}, status {status}").format(when=when, status=post.status))
    return "  \n".join(lines)


def hover(checked: Checked) -> types.Hover | None:
    text = hover_markdown(checked)
    if text is None:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text))


def count_line(checked: Checked, buffer: Buffer) -> int:
    """The 0-based line the count is shown at: the front matter's closing ``---`` (else the first)."""
    if checked.post is not None and checked.post.body_line > 1:
        return checked.post.body_line - 2
    return 0


def inlay_hints(checked: Checked, buffer: Buffer, encoding: str) -> list[types.InlayHint]:
    shown = counted(checked)
    if shown is None:
        return []
    line = count_line(checked, buffer)
    at = buffer.position(line, len(buffer.line(line)), encoding)
    return [types.InlayHint(types.Position(at.line, at.character), f" {shown}", padding_left=True,
                            tooltip=verdict(checked))]


def code_lenses(checked: Checked, buffer: Buffer) -> list[types.CodeLens]:
    shown = counted(checked)
    if shown is None:
        return []
    line = count_line(checked, buffer)
    title = _("Weibo count {count} ({verdict})").format(count=shown, verdict=verdict(checked))
    # A lens with a command the server does not run: a label (VS Code shows no lens without one).
    return [types.CodeLens(types.Range(types.Position(line, 0), types.Position(line, 0)),
                           command=types.Command(title, ""))]
