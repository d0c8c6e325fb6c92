"""WB601–WB604: the pictures a post attaches (front matter ``images`` and Markdown images)."""
from __future__ import annotations

import os

import pytest

from tests.rules.rule_repo import BODY, GIF, JPEG, PNG, WEBP

IMAGE_CODES = ("WB601", "WB602", "WB603", "WB604")


@pytest.fixture
def pictures(repo):
    repo.file("images/a.png", PNG)
    repo.file("images/b.jpg", JPEG)
    repo.file("images/c.gif", GIF)
    repo.file("images/d.webp", WEBP)
    repo.file("images/e.png", b"not a picture at all")
    repo.file("posts/here.png", PNG)
    return repo


def images(*paths: str) -> str:
    return "images:\n" + "".join(f"  - {p}\n" for p in paths)


# Front matter: '---' (1), 'column: plain' (2), 'images:' (3), the items from line 4, '---'.
FRONT_MATTER_CASES = [
    (["images/a.png"], []),
    (["images/a.png", "images/b.jpg", "images/c.gif"], []),
    (["images/missing.png"], [(4, 5, "WB601")]),
    (["images/a.png", "images/missing.png"], [(5, 5, "WB601")]),
    (["images/missing.png", "images/missing.png"], [(4, 5, "WB601"), (5, 5, "WB601")]),
    (["images/d.webp"], [(4, 5, "WB603")]),
    (["images/e.png"], [(4, 5, "WB603")]),
    (["../outside.png"], [(4, 5, "WB601")]),  # from posts/: the repository root
    (["../../outside.png"], [(4, 5, "WB604")]),
    (["/etc/hosts"], [(4, 5, "WB604")]),
    (["https://cdn.example.com/a.png"], [(4, 5, "WB604")]),
]


@pytest.mark.parametrize(("paths", "expected"), FRONT_MATTER_CASES)
def test_front_matter_pictures(pictures, paths, expected):
    pictures.post("正文", front=images(*paths))
    assert pictures.found(*IMAGE_CODES) == expected


BODY_CASES = [
    ("![图](images/a.png)", []),
    ("![](./here.png)", []),  # './' is from the post's folder
    ("![](../images/b.jpg)", []),
    ("![图](images/missing.png)", [(BODY, 6, "WB601")]),
    ("文字\n\n**看图** ![](images/d.webp)", [(BODY + 2, 12, "WB603")]),
    ("![](../../outside.png)", [(BODY, 5, "WB604")]),
    ("![](https://cdn.example.com/a.png)", [(BODY, 5, "WB604")]),
]


@pytest.mark.parametrize(("body", "expected"), BODY_CASES)
def test_markdown_pictures(pictures, body, expected):
    pictures.post(body)
    assert pictures.found(*IMAGE_CODES) == expected


def test_a_symlink_out_of_the_repository(pictures, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "x.png"
    outside.write_bytes(PNG)
    os.symlink(outside, pictures.root / "images" / "link.png")
    pictures.post("正文", front=images("images/link.png"))
    assert pictures.found(*IMAGE_CODES) == [(4, 5, "WB604")]


def test_a_symlink_inside_the_repository_is_fine(pictures):
    os.symlink(pictures.root / "images" / "a.png", pictures.root / "images" / "alias.png")
    pictures.post("正文", front=images("images/alias.png"))
    assert pictures.found(*IMAGE_CODES) == []


SHARE = "link: https://www.example.com/p/1\n"


def test_a_share_account_takes_one_picture(pictures):
    # front matter: '---', 'column: news', link, 'images:', items on lines 5 and 6, '---', body on 8
    pictures.post("正文 ![](images/c.gif)", column="news", front=SHARE + images("images/a.png", "images/b.jpg"))
    assert pictures.found("WB602") == [(6, 5, "WB602")]


def test_a_manual_account_takes_nine(pictures):
    body = "".join("![](images/a.png)\n\n" for _ in range(10))
    pictures.post(body, column="daily")
    assert pictures.found("WB602") == [(BODY + 18, 5, "WB602")]
    nine = "".join("![](images/a.png)\n\n" for _ in range(9))
    pictures.post(nine, column="daily")
    assert pictures.found("WB602") == []


def test_the_message_gives_count_and_limit(pictures):
    pictures.post("正文", column="news", front=SHARE + images("images/a.png", "images/b.jpg"))
    [problem] = pictures.problems("WB602")
    assert "2 pictures" in problem.message and "at most 1" in problem.message


def big_png(repo, size: int) -> None:
    path = repo.file("images/big.png", PNG)
    with open(path, "r+b") as handle:
        handle.truncate(size)


@pytest.mark.parametrize(("column", "front", "size", "reported"), [
    ("news", SHARE, 5 * 1024 * 1024, True),
    ("news", SHARE, 5 * 1024 * 1024 - 1, False),
    ("roast", "", 6 * 1024 * 1024, True),  # update: an API account too
    ("daily", "", 6 * 1024 * 1024, False),  # manual: the composer takes it
])
def test_api_accounts_take_pictures_under_5_mb(repo, column, front, size, reported):
    big_png(repo, size)
    repo.post("#烘焙日记# 正文", column=column, front=front + images("images/big.png"))
    assert bool(repo.found("WB603")) is reported


def test_a_post_without_pictures_has_no_picture_problems(repo):
    repo.post("正文")
    assert repo.found(*IMAGE_CODES) == []
