"""The JSON reporter: an array of problem objects, in a stable order.

Each object has ``path, line, column, code, name, level, message`` and, when the
problem involves other files, ``related`` (a list of paths). The order is by path,
line, column, code and name, so two runs over the same tree print the same bytes.
"""
from __future__ import annotations

from json.encoder import encode_basestring
from typing import Iterable

from weibo_lint.problem import Problem
from weibo_lint.reporters import reportable


def format_json(problems: Iterable[Problem]) -> str:
    """The problems as a JSON array (UTF-8 text kept as is, indented by 2): the bytes of
    ``json.dumps(..., ensure_ascii=False, indent=2)``, written without its pure-Python
    indenting encoder, which takes half a second for the 25,000 problems of a big repository."""
    objects = [_object(problem.as_dict()) for problem in reportable(problems)]
    return "[\n" + ",\n".join(objects) + "\n]\n" if objects else "[]\n"


def _object(data: dict) -> str:
    return "  {\n" + ",\n".join(f"    {encode_basestring(key)}: {_value(value)}" for key, value in data.items()) + "\n  }"


def _value(value) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, list):
        return "[\n" + ",\n".join(f"      {encode_basestring(item)}" for item in value) + "\n    ]" if value else "[]"
    return str(value)  # line and column numbers


__all__ = ["format_json"]
