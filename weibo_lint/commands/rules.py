"""``weibo-lint rules``: list the rules, or print one rule's documentation."""
from __future__ import annotations

import click

from weibo_lint.errors import UsageError
from weibo_lint.rules import ALL_RULES, rule_by_key


@click.command("rules")
@click.argument("code", required=False)
def rules_command(code):
    """List every rule, or show the documentation of CODE (a code like WB101 or a name)."""
    if code is None:
        for rule in ALL_RULES:
            fix = " (fixable)" if rule.fixable else ""
            click.echo(f"{rule.code}  {rule.name:<28} {rule.default_level.value:<8} {rule.summary}{fix}")
        return
    rule = rule_by_key(code)
    if rule is None:
        raise UsageError(f"no rule {code!r}: 'weibo-lint rules' lists them")
    click.echo(f"{rule.code} {rule.name} (default level: {rule.default_level.value}; "
               f"applies to: {', '.join(rule.scopes)})\n")
    click.echo(rule.doc)


COMMANDS = (rules_command,)
