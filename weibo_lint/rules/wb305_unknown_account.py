"""A post or column names an account that ``weibo.yaml`` does not define.

Accounts are referred to by their key in ``weibo.yaml`` or by their screen name.

Why: the account decides the limit, the publishing path and the token.

Bad: ``account: offical``

Good: ``account: official``

Options: none.
"""
from __future__ import annotations

from weibo_lint.problem import Finding
from weibo_lint.schema import did_you_mean
from weibo_lint.i18n import _

CODE = "WB305"
NAME = "unknown-account"
SCOPE = ("post", "column")
LEVEL = "error"


def check(context, options):
    subject = context.post if hasattr(context, "post") else context.column
    ref = subject.account
    if ref and context.config.account(ref) is None:
        hint = did_you_mean(ref, context.config.accounts)
        yield Finding(_("no account {name} in weibo.yaml{hint}").format(name=repr(ref), hint=hint), line=subject.line_of("account"))
