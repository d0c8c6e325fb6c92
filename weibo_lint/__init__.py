"""weibo-lint: Weibo posts as Markdown in git, checked exactly as Weibo will see them."""
from __future__ import annotations

from weibo_lint.counting import weibo_length

__all__ = ["__version__", "weibo_length"]
__version__ = "0.1.0"
