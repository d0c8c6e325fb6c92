"""Many accounts' access tokens in one secret: a token bundle.

GitHub gives a repository at most 100 secrets (an organisation's workflow sees at most 100),
so one secret per account (``token_env``) stops short of an agency's matrix of hundreds of
accounts. A bundle is an environment variable named ``WEIBO_TOKENS`` or ``WEIBO_TOKENS_<X>``
(several bundles for more accounts than one secret's 48 KB holds) whose value has one
``WEIBO_TOKEN_<NAME>=<token>`` per line, as in a ``.env`` file; blank lines and lines starting
with ``#`` are ignored. Each line stands for the variable it names, so weibo.yaml's
``token_env`` and the redactor (weibo_lint/redact.py) work unchanged. A variable set on its own
wins over a bundle's line of the same name. Pure: the CLI applies it to its environment.

A bundle is a secret: what is wrong with one is told by line number, never by quoting it.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from weibo_lint.errors import ConfigError
from weibo_lint.i18n import _
from weibo_lint.redact import TOKEN_ENV

BUNDLE_ENV = re.compile(r"^WEIBO_TOKENS(?:_[A-Z0-9_]+)?$")


def bundled(environ: Mapping[str, str]) -> dict[str, str]:
    """The token variables the bundles in ``environ`` hold and ``environ`` does not set itself
    (name -> token). Raises ConfigError naming the bundle and line of each malformed line or
    name given twice with different tokens."""
    found: dict[str, str] = {}
    origin: dict[str, str] = {}
    errors: list[str] = []
    for bundle in sorted(name for name in environ if BUNDLE_ENV.match(name)):
        for number, line in enumerate(environ[bundle].splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, equals, token = (part.strip() for part in line.partition("="))
            where = _("{bundle} line {number}").format(bundle=bundle, number=number)
            if not equals or not TOKEN_ENV.match(name) or not token:
                errors.append(_("{where}: expected WEIBO_TOKEN_<NAME>=<token> (the line is not shown: it may hold "
                                "a token)").format(where=where))
            elif name in found and found[name] != token:
                errors.append(_("{where}: {name} has another token in {first}").format(
                    where=where, name=name, first=origin[name]))
            else:
                found.setdefault(name, token)
                origin.setdefault(name, where)
    if errors:
        raise ConfigError.of(errors)
    return {name: token for name, token in found.items() if not environ.get(name, "").strip()}
