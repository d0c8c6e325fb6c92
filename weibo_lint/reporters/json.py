"""The JSON reporter: an array of problem objects, in a stable order.

Each object has ``path, line, column, code, name, level, message`` and, when the
problem involves other files, ``related`` (a list of paths). The order is by path,
line, column, code and name, so two runs over the same tree print the same bytes.
"""
from __future__ import annotations

import json
from typing import Iterable

from weibo_lint.problem import Problem
from weibo_lint.reporters import reportable


def format_json(problems: Iterable[Problem]) -> str:
    """The problems as a JSON array (UTF-8 text kept as is, indented by 2)."""
    data = [problem.as_dict() for problem in reportable(problems)]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


__all__ = ["format_json"]
