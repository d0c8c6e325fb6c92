"""What a publish run did, post by post, and its summary as text and Markdown. Pure."""
from __future__ import annotations

from dataclasses import dataclass, field

from weibo_lint.publish.plan import Item

# Outcomes that leave something for a human or a later run, and so fail the run.
FAILING = {"failed", "needs-human", "postponed", "blocked", "late", "no-account", "unconfirmed", "unsettled"}
ORDER = ("published", "confirmed", "failed", "needs-human", "unconfirmed", "unsettled", "postponed", "blocked",
         "late", "no-account", "in-review", "waiting", "skipped", "would-publish", "would-reconcile")


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
    manual: list[Item] = field(default_factory=list)
    planned: list[Item] = field(default_factory=list)  # --dry-run: what would be sent
    api_calls: int = 0
    api_seconds: float = 0.0
    git_failure: str | None = None

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
        lines.append(f"note: {note}")
    for result in sorted(report.results, key=lambda r: (ORDER.index(r.status), r.path)):
        where = f" [{result.account}]" if result.account else ""
        tail = f" {result.url}" if result.url else ""
        detail = f": {result.detail}" if result.detail else ""
        lines.append(f"{result.status:<13} {result.path}{where}{detail}{tail}")
    for account, why in sorted(report.stopped.items()):
        lines.append(f"stopped       account {account}: {why}")
    if report.git_failure:
        lines.append(f"git           {report.git_failure}")
    counts = [f"{report.count(s)} {s}" for s in ORDER if report.count(s)]
    lines.append("summary: " + (", ".join(counts) if counts else "nothing due")
                 + (f"; {len(report.manual)} to post by hand" if report.manual else "")
                 + (f"; {report.api_calls} API call(s)" if report.api_calls else ""))
    return "\n".join(lines)


def format_manual_text(items: list[Item], timezone) -> str:
    blocks = []
    for item in items:
        when = item.publish_at.astimezone(timezone).strftime("%Y-%m-%d %H:%M")
        pictures = "\n".join(f"  picture: {p}" for p in item.pictures) or "  pictures: none"
        blocks.append(f"── post by hand on {item.account}, due {when}: {item.path}\n{item.text}\n{pictures}\n"
                      f"  then: weibo-lint record {item.path} --url <the post's address>")
    return "\n\n".join(blocks)


def format_markdown(report: RunReport, timezone) -> str:
    """The run for ``$GITHUB_STEP_SUMMARY``: outcomes, then the posts to paste by hand."""
    lines = ["## weibo-lint publish", ""]
    if report.results or report.stopped:
        lines += ["| outcome | post | account | detail |", "|---|---|---|---|"]
        for r in sorted(report.results, key=lambda r: (ORDER.index(r.status), r.path)):
            detail = (r.detail + (f" {r.url}" if r.url else "")).replace("|", "\\|")
            lines.append(f"| {r.status} | `{r.path}` | {r.account or ''} | {detail} |")
        for account, why in sorted(report.stopped.items()):
            lines.append(f"| stopped | | {account} | {why.replace('|', chr(92) + '|')} |")
        lines.append("")
    else:
        lines += ["Nothing was due.", ""]
    if report.planned:
        lines += ["### Would publish (dry run)", ""]
        for item in report.planned:
            lines += [f"**{item.account}**: `{item.path}`", "", "```text", item.text, "```", ""]
    if report.manual:
        lines += ["### To post by hand", ""]
        for item in report.manual:
            when = item.publish_at.astimezone(timezone).strftime("%Y-%m-%d %H:%M")
            lines += [f"**{item.account}**, due {when}: `{item.path}`", "", "```text", item.text, "```", ""]
            lines += [f"- picture: `{p}`" for p in item.pictures] or ["- no pictures"]
            lines += ["", f"Then: `weibo-lint record {item.path} --url <the post's address>`", ""]
    return "\n".join(lines)
