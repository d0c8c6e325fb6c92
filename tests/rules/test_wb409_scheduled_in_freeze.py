"""WB409: an approved post due inside a freeze of its account."""
from __future__ import annotations

FREEZE = """
freeze:
  - from: 2026-12-01 09:00
    until: 2026-12-01 18:00
    accounts: [official]
    reason: 门店事故
  - from: 2026-12-05 00:00
    reason: 哀悼日
"""


def _freeze(repo) -> None:
    path = repo.root / "weibo.yaml"
    path.write_text(path.read_text("utf-8") + FREEZE, encoding="utf-8")


def test_a_post_inside_a_freeze_of_its_account_warns(repo):
    _freeze(repo)
    inside = "status: approved\npublish_at: 2026-12-01 10:00\nlink: https://www.example.com/a\n"
    repo.post("冬季限定上市", column="news", front=inside, name="inside.md")
    repo.post("冬季限定上市", column="news", name="after.md",
              front="status: approved\npublish_at: 2026-12-01 18:00\nlink: https://www.example.com/b\n")
    repo.post("烘焙日记", column="roast", name="other.md", front="status: approved\npublish_at: 2026-12-01 10:00\n")
    repo.post("烘焙日记", column="roast", name="open.md", front="status: approved\npublish_at: 2026-12-09 10:00\n")
    repo.post("草稿", column="roast", name="draft.md", front="status: draft\npublish_at: 2026-12-09 10:00\n")
    found = {(p.path, p.line) for p in repo.problems("WB409")}
    assert found == {("posts/inside.md", 4), ("posts/open.md", 4)}
    messages = {p.path: p.message for p in repo.problems("WB409")}
    assert "2026-12-01 18:00" in messages["posts/inside.md"] and "门店事故" in messages["posts/inside.md"]
    assert "official" in messages["posts/inside.md"]


def test_no_freeze_no_warning(repo):
    repo.post("烘焙日记", column="roast", front="status: approved\npublish_at: 2026-12-01 10:00\n")
    assert repo.found("WB409") == []
