"""Every ``docs/platform.md §N`` the code and the docs cite exists, and nothing cites a platform
sheet outside the repository."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "platform.md"

# A citation: "docs/platform.md §4.6", also a list "docs/platform.md §2, §3" or "§2.1 and §2.2".
CITATION_RE = re.compile(r"docs/platform\.md\s*((?:(?:,|;|and)?\s*§\d+(?:\.\d+)*)+)")
SECTION_RE = re.compile(r"§(\d+(?:\.\d+)*)")
HEADING_RE = re.compile(r"^#{2,6}\s+§(\d+(?:\.\d+)*)\s", re.MULTILINE)
# The outside sheet (../shared/weibo/PLATFORM.md) or its nicknames; docs/platform.md is lower case.
OUTSIDE_RE = re.compile(r"PLATFORM\.md|platform sheet")


def citing_files() -> list[Path]:
    files = sorted((ROOT / "weibo_lint").rglob("*.py"))
    files.append(ROOT / "README.md")
    files.extend(sorted((ROOT / "docs").glob("*.md")))
    return files


def sections(text: str) -> set[str]:
    return set(HEADING_RE.findall(text))


def citations(files: list[Path], root: Path = ROOT) -> list[tuple[str, int, str]]:
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for match in CITATION_RE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            for section in SECTION_RE.findall(match.group(1)):
                found.append((str(path.relative_to(root)), line, section))
    return found


def missing(found: list[tuple[str, int, str]], known: set[str]) -> list[str]:
    return [f"{path}:{line}: docs/platform.md §{section}" for path, line, section in found
            if section not in known]


def test_the_page_has_numbered_sections():
    known = sections(PAGE.read_text(encoding="utf-8"))
    assert {"1", "1.1", "1.2", "2", "2.1", "3", "4", "4.6"} <= known


def test_every_cited_section_exists():
    found = citations(citing_files())
    assert len(found) >= 20, "the code cites docs/platform.md throughout: did the pattern break?"
    assert missing(found, sections(PAGE.read_text(encoding="utf-8"))) == []


def test_a_missing_section_is_caught(tmp_path):
    cited = tmp_path / "cites.py"
    cited.write_text('"""Limits (docs/platform.md §2.1, §9.9)."""\n# see docs/platform.md §4.6\n', encoding="utf-8")
    found = citations([cited], tmp_path)
    assert [section for _, _, section in found] == ["2.1", "9.9", "4.6"]
    assert missing(found, sections(PAGE.read_text(encoding="utf-8"))) == ["cites.py:1: docs/platform.md §9.9"]


def test_nothing_cites_the_outside_platform_sheet():
    offenders = []
    for path in citing_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if OUTSIDE_RE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
