"""``weibo-lint unfreeze``: lives with ``freeze`` (commands/freeze.py); this module only
names it, since commands are found by their module's name."""
from __future__ import annotations

from weibo_lint.commands.freeze import unfreeze_command

COMMANDS = (unfreeze_command,)
