"""What a publish run did, post by post, and its summary as text and Markdown. Pure."""
from __future__ import annotations

from dataclasses import dataclass, field

from weibo_lint.i18n import N_, _, ngettext
from weibo_lint.publish.plan import Item
from weibo_lint.terminal import pad

# Outcomes that leave something for a human or a later run, and so fail the run.
FAILING = {"failed", "needs-human", "postponed", "blocked", "late", "no-account", "unconfirmed", "unsettled"}
ORDER = ("published", "confirmed", "failed", "needs-human", "unconfirmed", "unsettled", "postponed", "blocked",
         "late", "no-account", "frozen", "in-review", "waiting", "skipped", "would-publish", "would-reconcile")
# What each outcome is called where a human reads it (the ids above stay in JSON and code).
LABELS = {
    "published": N_("published"), "confirmed": N_("confirmed"), "failed": N_("failed"),
    "needs-human": N_("needs-human"), "unconfirmed": N_("unconfirmed"), "unsettled": N_("unsettled"),
    "postponed": N_("postponed"), "blocked": N_("blocked"), "late": N_("late"), "no-account": N_("no-account"),
    "frozen": N_("frozen"),
    "in-review": N_("in-review"), "waiting": N_("waiting"), "skipped": N_("skipped"),
    "would-publish": N_("would-publish"), "would-reconcile": N_("would-reconcile"), "stopped": N_("stopped"),
}
COLUMN = 14  # terminal cells of the outcome column


def label(status: str) -> str:
    return _(LABELS.get(status, status))


def _padded(text: str) -> str:
    """``text`` as the outcome column: padded, and a space after it however long it is."""
    return pad(text, COLUMN - 1) + " "


@dataclass(frozen=True)
class Result:
    path: str
    account: str | None
    status: str  # one of ORDER
    detail: str = ""
    url: str | None = None

    @property
    def failing(self) -> bool:
        return self.status in FAILING


@dataclass
class RunReport:
    results: list[Result] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stopped: dict[str, str] = field(default_factory=dict)  # account -> why
    frozen: dict[str, str] = field(default_factory=dict)  # account -> the freeze holding it (not a failure)
    manual: list[Item] = field(default_factory=list)
    planned: list[Item] = field(default_factory=list)  # --dry-run: what would be sent
    api_calls: int = 0
    api_seconds: float = 0.0
    git_failure: str | None = None
    git_pushes: int = 0  # pushes that landed
    git_replays: int = 0  # pushes rejected because the branch had moved, replayed on top of it

    def add(self, path: str, account: str | None, status: str, detail: str = "", url: str | None = None) -> None:
        """Record a post's outcome; the first one of a run for a post stands."""
        if any(r.path == path for r in self.results):
            return
        self.results.append(Result(path, account, status, detail, url))

    def has(self, path: str) -> bool:
        return any(r.path == path for r in self.results)

    @property
    def failed(self) -> bool:
        return bool(self.git_failure or self.stopped or any(r.failing for r in self.results))

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


def format_text(report: RunReport) -> str:
    lines = []
    for note in report.notes:
        lines.append(_("note: {note}").format(note=note))
    for result in sorted(report.results, key=lambda r: (ORDER.index(r.status), r.path)):
        where = f" [{result.account}]" if result.account else ""
        tail = f" {result.url}" if result.url else ""
        detail = f": {result.detail}" if result.detail else ""
        lines.append(f"{_padded(label(result.status))}{result.path}{where}{detail}{tail}")
    for account, why in sorted(report.stopped.items()):
        lines.append(_padded(label("stopped")) + _("account {account}: {why}").format(account=account, why=why))
    for account, why in sorted(report.frozen.items()):
        lines.append(_padded(label("frozen")) + _("account {account}: {why}").format(account=account, why=why))
    if report.git_failure:
        lines.append(f"{_padded('git')}{report.git_failure}")
    counts = [f"{report.count(s)} {label(s)}" for s in ORDER if report.count(s)]
    tail = ""
    if report.manual:
        tail += _("; {count} to post by hand").format(count=len(report.manual))
    if report.api_calls:
        tail += ngettext("; {count} API call", "; {count} API calls", report.api_calls).format(count=report.api_calls)
    lines.append(_("summary: {counts}").format(counts=", ".join(counts) if counts else _("nothing due")) + tail)
    return "\n".join(lines)


def format_manual_text(items: list[Item], timezone) -> str:
    blocks = []
    for item in items:
        when = item.publish_at.astimezone(timezone).strftime("%Y-%m-%d %H:%M")
        pictures = "\n".join(_("  picture: {path}").format(path=p) for p in item.pictures) or _("  pictures: none")
        blocks.append(_("── post by hand on {account}, due {when}: {path}").format(
                          account=item.account, when=when, path=item.path)
                      + f"\n{item.text}\n{pictures}\n"
                      + _("  then: weibo-lint record {path} --url <the post's address>").format(path=item.path))
    return "\n\n".join(blocks)


def format_markdown(report: RunReport, timezone) -> str:
    """The run for ``$GITHUB_STEP_SUMMARY``: outcomes, then the posts to paste by hand."""
    lines = ["## weibo-lint publish", ""]
    if report.results or report.stopped or report.frozen:
        lines += [_("| outcome | post | account | detail |"), "|---|---|---|---|"]
        for r in sorted(report.results, key=lambda r: (ORDER.index(r.status), r.path)):
            detail = (r.detail + (f" {r.url}" if r.url else "")).replace("|", "\\|")
            lines.append(f"| {label(r.status)} | `{r.path}` | {r.account or ''} | {detail} |")
        for account, why in sorted(report.stopped.items()):
            lines.append(f"| {label('stopped')} | | {account} | {why.replace('|', chr(92) + '|')} |")
        for account, why in sorted(report.frozen.items()):
            lines.append(f"| {label('frozen')} | | {account} | {why.replace('|', chr(92) + '|')} |")
        lines.append("")
    else:
        lines += [_("Nothing was due."), ""]
    if report.planned:
        lines += [_("### Would publish (dry run)"), ""]
        for item in report.planned:
            lines += [f"**{item.account}**: `{item.path}`", "", "```text", item.text, "```", ""]
    if report.manual:
        lines += [_("### To post by hand"), ""]
        for item in report.manual:
            when = item.publish_at.astimezone(timezone).strftime("%Y-%m-%d %H:%M")
            lines += [_("**{account}**, due {when}: `{path}`").format(account=item.account, when=when, path=item.path),
                      "", "```text", item.text, "```", ""]
            lines += [_("- picture: `{path}`").format(path=p) for p in item.pictures] or [_("- no pictures")]
            lines += ["", _("Then: `weibo-lint record {path} --url <the post's address>`").format(path=item.path), ""]
    return "\n".join(lines)
