"""The JSON reporter: an array of problem objects, in a stable order.

Each object has ``path, line, column, code, name, level, message`` and, when the
problem involves other files, ``related`` (a list of paths). The order is by path,
line, column, code and name, so two runs over the same tree print the same bytes.

A post's objects can be made once, when it is checked, and kept (``stored``): a run that
reports 25,000 cached problems then joins texts instead of decoding and printing them again
(``format_json_files``), merging by the kept keys where other problems fall on the same file.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from json.encoder import encode_basestring as _text
from typing import NamedTuple

from weibo_lint.problem import Problem
from weibo_lint.reporters import reportable

_SEPARATOR = ",\n"  # between objects
_END = "\n  }"  # an object's last line: no other line of an object (or of the array) starts so


class Stored(NamedTuple):
    """One file's problems as this reporter prints them, made in advance."""

    objects: str  # the array's items, in report order, joined ("" for none)
    keys: str  # JSON: [line, column, code, name] of each item, to merge other problems by


def format_json(problems: Iterable[Problem]) -> str:
    """The problems as a JSON array (UTF-8 text kept as is, indented by 2): the bytes of
    ``json.dumps([p.as_dict() ...], ensure_ascii=False, indent=2)`` (tested), written without
    its pure-Python indenting encoder, which takes half a second for the 25,000 problems of a
    big repository."""
    return _array([_object(problem) for problem in reportable(problems)])


def stored(problems: Iterable[Problem]) -> Stored:
    """One file's problems (all on that file), to report later with ``format_json_files``."""
    shown = reportable(problems)
    return Stored(_SEPARATOR.join(_object(p) for p in shown),
                  json.dumps([[p.line, p.column, p.code, p.name] for p in shown], ensure_ascii=False,
                             separators=(",", ":")))


def format_json_files(files: Iterable[tuple[Sequence[Problem], Stored | None, Sequence[Problem]]]) -> str:
    """``format_json`` of every file's problems, given file by file in path order: the file's
    problems made in advance (or None), with the others on it that ``format_json`` would be
    given before them and after them. ValueError when what was made in advance is not
    what ``stored`` makes (its keys do not match its objects)."""
    texts = []
    for before, made, after in files:
        if not before and not after:
            if made is not None and made.objects:
                texts.append(made.objects)
            continue
        merged = [((p.line, p.column, p.code, p.name), _object(p)) for p in reportable(before)]
        if made is not None and made.objects:
            keys = [tuple(key) for key in json.loads(made.keys)]
            objects = made.objects.split(_END + _SEPARATOR)  # each but the last loses its end here
            if len(objects) != len(keys):
                raise ValueError("stored objects do not match their keys")
            merged += zip(keys, [text + _END for text in objects[:-1]] + objects[-1:])
        merged += [((p.line, p.column, p.code, p.name), _object(p)) for p in reportable(after)]
        merged.sort(key=lambda pair: pair[0])  # stable: among equals, the order given
        texts.extend(text for _key, text in merged)
    return _array(texts)


def _array(objects: list[str]) -> str:
    if not objects:
        return "[]\n"
    objects[0] = "[\n" + objects[0]  # small copies, not one of the whole report
    objects[-1] += "\n]\n"
    return _SEPARATOR.join(objects)


def _object(p: Problem) -> str:
    related = ""
    if p.related:
        related = ',\n    "related": [\n' + ",\n".join(f"      {_text(path)}" for path in p.related) + "\n    ]"
    return (f'  {{\n    "path": {_text(p.path)},\n    "line": {p.line},\n    "column": {p.column},\n'
            f'    "code": {_text(p.code)},\n    "name": {_text(p.name)},\n    "level": {_text(p.level.value)},\n'
            f'    "message": {_text(p.message)}{related}{_END}')


__all__ = ["Stored", "format_json", "format_json_files", "stored"]
