"""The whole suite speaks English unless a test chooses otherwise: its assertions read the
English messages, whatever the machine's LANG (tests/test_i18n.py tests the choice itself)."""
from __future__ import annotations

import os

os.environ["WEIBO_LINT_LANG"] = "en"
