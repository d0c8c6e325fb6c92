"""CLI commands, one module each, named after its command (``check.py`` → ``weibo-lint check``).

Each module exposes ``COMMANDS``. Modules are imported only when their command runs, so
``weibo-lint check`` does not pay for the publisher's or the site's imports.
"""
from __future__ import annotations

import importlib
import pkgutil

import click


def command_names() -> list[str]:
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


def load_command(name: str) -> click.Command | None:
    if name not in command_names():
        return None
    module = importlib.import_module(f"{__name__}.{name}")
    return next((c for c in getattr(module, "COMMANDS", ()) if c.name == name), None)
