"""Hostile repositories, file-system side: nothing deleted, nothing outside the repository
read or written, no hang, no traceback, every other file still checked.

Each case builds a real git repository in a temporary folder with, beside it, a folder
``outside/`` standing for the rest of the machine; it runs the real CLI in its own process
under a timeout (a hang fails the test, it never stalls the suite), and checks that every
file of ``outside/`` is still there, unchanged, and that none of its text was printed.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lint_repo import CANARY_PROBLEM, NOW, LintRepo
from tests.support import GIT_ENV, commit_all, git

TIMEOUT = 60  # seconds any one command may take; every case here needs a few at most
SECRET = "SECRET-3f9a-never-printed"
# A valid post with a fixable problem (an unclosed topic): read through a link, it would be
# checked, shown, and rewritten by `fix`.
SECRET_POST = f"---\ncolumn: daily\nstatus: draft\n---\n{SECRET} #话题 今天的咖啡\n"
DRAFT = "---\ncolumn: daily\nstatus: draft\n---\n还没提交的草稿。\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
posix_only = pytest.mark.skipif(os.name != "posix", reason="symbolic links, FIFOs and devices as POSIX has them")
pytestmark = posix_only


class Hostile:
    """A content repository (``repo/``, committed) and the machine around it (``outside/``)."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path / "repo"
        self.outside = tmp_path / "outside"
        (self.outside / "posts").mkdir(parents=True)
        (self.outside / "secret.md").write_text(SECRET_POST, "utf-8")
        (self.outside / "secret.j2").write_text(f"{SECRET} {{{{ body }}}}", "utf-8")
        (self.outside / "secret.yaml").write_text(f"name: {SECRET}\naccount: ceo\n", "utf-8")
        (self.outside / "posts" / "keep.md").write_text(DRAFT, "utf-8")
        self.repo = LintRepo(self.root)
        self.repo.write("images/ok.png", PNG)
        self.git("init", "-q", "-b", "main")
        self.commit()
        self.before = self.snapshot()

    # -- set-up -------------------------------------------------------------------------
    def git(self, *args: str) -> str:
        return git(self.root, *args, timeout=TIMEOUT)

    def commit(self, message: str = "content") -> None:
        commit_all(self.root, message)

    def link(self, relative: str, target: str | Path) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
        return path

    def fifo(self, relative: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
        return path

    # -- running ------------------------------------------------------------------------
    def run(self, *args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
        """``weibo-lint ARGS`` in its own process, from the repository's folder."""
        env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
        done = subprocess.run([sys.executable, "-m", "weibo_lint", *args], cwd=self.root, capture_output=True,
                              text=True, timeout=timeout, env={**env, **GIT_ENV})
        output = done.stdout + done.stderr
        assert "Traceback" not in output, output
        assert SECRET not in output, output  # nothing read outside the repository was shown
        return done

    def check(self, *args: str) -> tuple[int, list[dict]]:
        done = self.run("check", "--format", "json", "--now", NOW, "--no-cache", *args)
        assert done.returncode in (0, 1), done.stderr
        return done.returncode, json.loads(done.stdout)

    # -- what must not change -------------------------------------------------------------
    def snapshot(self) -> dict[str, str]:
        """Every file of ``outside/``, by path, with a hash of its bytes."""
        return {p.relative_to(self.outside).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(self.outside.rglob("*")) if p.is_file() and not p.is_symlink()}

    def assert_outside_untouched(self) -> None:
        assert self.snapshot() == self.before


@pytest.fixture
def hostile(tmp_path):
    case = Hostile(tmp_path)
    yield case
    case.assert_outside_untouched()


def codes(problems: list[dict]) -> set[tuple[str, str]]:
    return {(p["path"], p["code"]) for p in problems}


def message(problems: list[dict], path: str, code: str) -> str:
    return next(p["message"] for p in problems if p["path"] == path and p["code"] == code)


def still_checked(problems: list[dict]) -> None:
    """The canary's known problem is there (the run went on) and the good post has none."""
    assert CANARY_PROBLEM in {(p["path"], p["line"], p["code"]) for p in problems}
    assert not [p for p in problems if p["path"] == "posts/good.md"]


def file_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# -- 1. build never deletes a user's files ------------------------------------------------

def test_build_refuses_a_committed_site_link_to_the_posts_folder(hostile):
    # The reported case: `_site -> posts` with the marker inside, both committed; a clone's
    # posts were emptied, an uncommitted draft lost.
    hostile.repo.write("posts/.weibo-lint-site", "built by weibo-lint build; emptied at the next build\n")
    hostile.link("_site", "posts")
    hostile.commit("a site link")
    hostile.repo.write("posts/draft.md", DRAFT)  # not committed
    posts = file_hashes(hostile.root / "posts")
    done = hostile.run("build", "--now", NOW, "--no-cache")
    assert done.returncode == 2
    assert "symbolic link" in done.stderr and "_site" in done.stderr
    assert file_hashes(hostile.root / "posts") == posts


def test_build_refuses_a_site_link_out_of_the_repository(hostile):
    (hostile.outside / "posts" / ".weibo-lint-site").write_text("keep.md\n", "utf-8")  # even a manifest naming it
    hostile.before = hostile.snapshot()
    hostile.link("_site", hostile.outside / "posts")
    done = hostile.run("build", "--now", NOW, "--no-cache")
    assert done.returncode == 2 and "symbolic link" in done.stderr


def test_build_refuses_a_folder_on_the_way_that_is_a_link(hostile):
    hostile.link("public", "posts")
    posts = file_hashes(hostile.root / "posts")
    done = hostile.run("build", "--out", "public/site", "--now", NOW, "--no-cache")
    assert done.returncode == 2 and "symbolic link" in done.stderr
    assert file_hashes(hostile.root / "posts") == posts and not (hostile.root / "posts" / "site").exists()


def test_build_out_into_a_folder_with_other_files_keeps_them(hostile):
    shared = hostile.outside / "shared"
    shared.mkdir()
    (shared / "notes.txt").write_text("mine", "utf-8")
    (shared / ".weibo-lint-site").write_text("built by weibo-lint build; emptied at the next build\n", "utf-8")
    hostile.before = hostile.snapshot()
    done = hostile.run("build", "--out", str(shared), "--now", NOW, "--no-cache")
    assert done.returncode == 2 and "notes.txt" in done.stderr


def test_build_replaces_only_what_its_own_manifest_lists(hostile):
    out = hostile.outside / "site"
    assert hostile.run("build", "--out", str(out), "--now", NOW, "--no-cache").returncode == 0
    built = file_hashes(out)
    assert "index.html" in built and ".weibo-lint-site" in built
    assert hostile.run("build", "--out", str(out), "--now", NOW, "--no-cache").returncode == 0
    assert file_hashes(out).keys() == built.keys()  # rebuilt in place: the same pages, nothing left over
    (out / "posts-backup").mkdir()
    (out / "posts-backup" / "draft.md").write_text(DRAFT, "utf-8")
    hostile.before = hostile.snapshot()
    done = hostile.run("build", "--out", str(out), "--now", NOW, "--no-cache")
    assert done.returncode == 2 and "draft.md" in done.stderr


def test_build_never_removes_a_file_a_forged_manifest_names_outside_its_folder(hostile):
    # A committed _site whose manifest names files elsewhere: only what stands in _site and is
    # listed goes; the manifest's other lines are never paths to delete.
    hostile.repo.write("_site/.weibo-lint-site", "index.html\n../posts/good.md\n"
                                                 f"{hostile.outside / 'posts' / 'keep.md'}\n")
    hostile.repo.write("_site/index.html", "old")
    hostile.commit("a forged site")
    posts = file_hashes(hostile.root / "posts")
    assert hostile.run("build", "--now", NOW, "--no-cache").returncode == 0
    assert file_hashes(hostile.root / "posts") == posts
    assert (hostile.root / "_site" / "index.html").read_text("utf-8") != "old"


# -- 2. nothing read or written outside the repository through a link ------------------------

def test_post_linked_out_of_the_repository_is_neither_read_nor_fixed(hostile):
    hostile.link("posts/x.md", hostile.outside / "secret.md")
    status, problems = hostile.check()
    assert status == 1
    assert "outside the repository" in message(problems, "posts/x.md", "WB001")
    still_checked(problems)
    text = hostile.run("check", "--format", "text", "--now", NOW, "--no-cache")  # no source line shown
    assert text.returncode == 1 and "posts/x.md" in text.stdout
    assert hostile.run("fix").returncode == 1  # the error remains; the file it links to is not rewritten
    assert hostile.run("preview", "posts/x.md").returncode == 2
    assert hostile.run("build", "--now", NOW, "--no-cache").returncode == 0
    assert not any(SECRET in p.read_text("utf-8") for p in (hostile.root / "_site").rglob("*.html"))


def test_a_post_linked_inside_the_repository_is_followed(hostile):
    # The decision for links that stay inside: followed, since the file they lead to is under
    # review too (and fix rewrites that file, never the link).
    hostile.link("posts/alias.md", "good.md")
    _status, problems = hostile.check()
    assert not [p for p in problems if p["path"] == "posts/alias.md"]
    still_checked(problems)
    assert (hostile.root / "posts" / "alias.md").is_symlink()


def test_column_linked_out_of_the_repository_is_not_read(hostile):
    hostile.link("columns/evil.yaml", hostile.outside / "secret.yaml")
    status, problems = hostile.check()
    assert status == 1
    assert "outside the repository" in message(problems, "columns/evil.yaml", "WB001")
    still_checked(problems)


def test_template_linked_out_of_the_repository_is_not_read(hostile):
    (hostile.root / "templates" / "daily.j2").unlink()
    hostile.link("templates/daily.j2", hostile.outside / "secret.j2")
    status, problems = hostile.check()
    assert status == 1
    assert "outside the repository" in message(problems, "templates/daily.j2", "WB001")
    assert "cannot be read" in message(problems, "posts/good.md", "WB104")
    assert hostile.run("build", "--now", NOW, "--no-cache").returncode == 0
    assert not any(SECRET in p.read_text("utf-8") for p in (hostile.root / "_site").rglob("*.html"))


def test_site_template_linked_out_of_the_repository_is_not_read(hostile):
    hostile.link("templates/site/site.css", hostile.outside / "secret.md")
    done = hostile.run("build", "--now", NOW, "--no-cache")
    assert done.returncode == 2 and "outside the repository" in done.stderr


def test_paths_in_weibo_yaml_must_stay_inside_the_repository(hostile):
    config = hostile.root / "weibo.yaml"
    original = config.read_text("utf-8")
    for setting in ("paths: {cache: ../outside/cache}", f"paths: {{posts: {hostile.outside / 'posts'}}}",
                    "paths: {published: ../outside}"):
        config.write_text(original + setting + "\n", "utf-8")
        done = hostile.run("check", "--now", NOW)
        assert done.returncode == 2, setting
        assert "must be a folder inside the repository" in done.stderr, setting
    config.write_text(original + "paths: {cache: posts}\n", "utf-8")  # its '.gitignore' would hide new posts
    done = hostile.run("check", "--now", NOW)
    assert done.returncode == 2 and "'paths.cache' must be a folder of its own" in done.stderr
    assert not (hostile.root / "posts" / ".gitignore").exists()
    config.write_text(original + "paths: {cache: out/cache}\n", "utf-8")
    hostile.link("out", hostile.outside)  # the same through a link in the repository
    done = hostile.run("check", "--now", NOW)
    assert done.returncode == 2 and "it leads to" in done.stderr
    assert not (hostile.outside / "cache").exists()


def test_a_committed_cache_link_is_not_written_through(hostile):
    hostile.link(".weibo-lint-cache", hostile.outside)
    done = hostile.run("check", "--now", NOW, "--changed-since", "HEAD")  # would write the index there
    assert done.returncode == 2 and "'paths.cache' must be a folder inside the repository" in done.stderr
    (hostile.root / ".weibo-lint-cache").unlink()
    hostile.link(".weibo-lint-cache", "posts")  # inside, but its '.gitignore' of '*' would hide new posts
    done = hostile.run("check", "--now", NOW, "--changed-since", "HEAD")
    assert done.returncode == 2 and "'paths.cache' must be a folder of its own" in done.stderr
    (hostile.root / ".weibo-lint-cache").unlink()
    hostile.link(".weibo-lint-cache", "images")  # any other folder: not used, the run works in memory
    images = file_hashes(hostile.root / "images")
    done = hostile.run("check", "--format", "json", "--now", NOW, "--changed-since", "HEAD")
    assert done.returncode == 0 and "symbolic link" in done.stderr
    assert file_hashes(hostile.root / "images") == images and not (hostile.root / "images" / ".gitignore").exists()


# -- 3. no hang, no exhausted memory ----------------------------------------------------------

def test_fifo_post_does_not_hang(hostile):
    hostile.fifo("posts/fifo.md")
    status, problems = hostile.check()
    assert status == 1 and "FIFO" in message(problems, "posts/fifo.md", "WB001")
    still_checked(problems)


def test_fifo_column_does_not_hang(hostile):
    hostile.fifo("columns/fifo.yaml")
    status, problems = hostile.check()
    assert status == 1 and "FIFO" in message(problems, "columns/fifo.yaml", "WB001")
    still_checked(problems)


def test_fifo_template_does_not_hang(hostile):
    (hostile.root / "templates" / "notes.j2").unlink()
    hostile.fifo("templates/notes.j2")
    status, problems = hostile.check()
    assert status == 1 and "FIFO" in message(problems, "templates/notes.j2", "WB001")
    still_checked(problems)


def test_fifo_picture_does_not_hang(hostile):
    hostile.fifo("images/fifo.jpg")
    hostile.repo.write("posts/pic.md", "---\ncolumn: daily\nstatus: draft\nimages: [images/fifo.jpg]\n---\n图。\n")
    status, problems = hostile.check()
    assert status == 1 and ("posts/pic.md", "WB603") in codes(problems)
    still_checked(problems)
    assert hostile.run("build", "--now", NOW, "--no-cache").returncode == 0


def test_fifo_record_does_not_hang(hostile):
    hostile.fifo("published/ceo/fifo.json")
    _status, problems = hostile.check()
    still_checked(problems)
    assert hostile.run("build", "--now", NOW, "--no-cache").returncode == 0


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_post_linked_to_an_endless_device_is_not_read(hostile, device):
    hostile.link("posts/zero.md", device)
    status, problems = hostile.check()
    assert status == 1 and "outside the repository" in message(problems, "posts/zero.md", "WB001")
    still_checked(problems)


def test_picture_linked_to_dev_zero_is_not_read(hostile):
    hostile.link("images/zero.jpg", "/dev/zero")
    hostile.repo.write("posts/pic.md", "---\ncolumn: daily\nstatus: draft\nimages: [images/zero.jpg]\n---\n图。\n")
    status, problems = hostile.check()
    assert status == 1 and ("posts/pic.md", "WB604") in codes(problems)
    still_checked(problems)
    assert hostile.run("build", "--now", NOW, "--no-cache").returncode == 0


def test_a_post_too_large_to_read_is_reported(hostile):
    hostile.repo.write("posts/huge.md", "---\ncolumn: daily\n---\n" + "咖" * (6 * 1024 * 1024))  # 18 MB
    status, problems = hostile.check()
    assert status == 1 and "too large" in message(problems, "posts/huge.md", "WB001")
    still_checked(problems)


def test_template_building_a_gigabyte_string_is_stopped(hostile):
    hostile.repo.write("templates/notes.j2", "{{ 'x' * 1000000000 }}{{ body }}")
    hostile.repo.write("posts/note.md", "---\ncolumn: notes\nstatus: draft\n---\n随手记。\n")
    status, problems = hostile.check()
    assert status == 1 and "1,000,000,000" in message(problems, "posts/note.md", "WB104")
    still_checked(problems)


@pytest.mark.parametrize("template", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}{{ body }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}{{ body }}",
    "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ body }}",
    "{{ 'x' | center(2000000000) }}{{ body }}",
])
def test_template_that_loops_or_grows_is_stopped(hostile, template):
    hostile.repo.write("templates/notes.j2", template)
    hostile.repo.write("posts/note.md", "---\ncolumn: notes\nstatus: draft\n---\n随手记。\n")
    status, problems = hostile.check()
    assert status == 1 and ("posts/note.md", "WB104") in codes(problems)
    still_checked(problems)


# -- 4. quiet failures ----------------------------------------------------------------------

@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0, reason="running as root: every folder can be listed")
def test_a_folder_that_cannot_be_listed_is_reported(hostile):
    hostile.repo.write("posts/locked/hidden.md", DRAFT)
    locked = hostile.root / "posts" / "locked"
    locked.chmod(0)
    try:
        status, problems = hostile.check()
        assert status == 1 and "cannot be listed" in message(problems, "posts/locked", "WB001")
        still_checked(problems)
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize("kind", ["fifo", "folder", "link out"])
def test_weibo_yaml_that_is_not_a_regular_file(hostile, kind):
    config = hostile.root / "weibo.yaml"
    shutil.copyfile(config, hostile.outside / "weibo.yaml")
    hostile.before = hostile.snapshot()
    config.unlink()
    {"fifo": lambda: os.mkfifo(config), "folder": config.mkdir,
     "link out": lambda: config.symlink_to(hostile.outside / "weibo.yaml")}[kind]()
    done = hostile.run("check", "--now", NOW)
    assert done.returncode == 2
    assert "weibo.yaml" in done.stderr and ("not a regular file" in done.stderr or "another folder" in done.stderr)


def test_changed_since_sees_a_post_in_a_nested_repository_as_a_full_check_does(hostile):
    nested = hostile.root / "posts" / "nested"
    nested.mkdir()
    git(nested, "init", "-q", timeout=TIMEOUT)
    hostile.repo.write("posts/nested/new.md", "---\ncolumn: nosuch\nstatus: draft\n---\n嵌套仓库里的新帖子。\n")
    _status, full = hostile.check()
    _status, changed = hostile.check("--changed-since", "HEAD")
    assert ("posts/nested/new.md", "WB304") in codes(full)
    assert {k for k in codes(full) if k[0].startswith("posts/nested/")} == \
        {k for k in codes(changed) if k[0].startswith("posts/nested/")}


def test_site_template_that_loops_stops_the_build(hostile):
    hostile.repo.write("templates/site/post.html", "{% for i in range(100000) %}{% for j in range(100000) %}"
                                                   "{% endfor %}{% endfor %}")
    done = hostile.run("build", "--now", NOW, "--no-cache", )
    assert done.returncode == 2 and "site template post.html" in done.stderr and "CPU time" in done.stderr
    assert not (hostile.root / "_site").exists()


def test_new_does_not_write_through_a_linked_month_folder(hostile):
    for month in ("2026-11", "2026-12"):
        hostile.link(f"posts/{month}", hostile.outside / "posts")
    done = hostile.run("new", "daily", "--title", "linked", "--now", NOW)
    assert done.returncode == 2 and "outside the repository" in done.stderr


def test_template_bounds_hold_in_the_forked_worker_pool(hostile):
    # Past PARALLEL_THRESHOLD posts to check, the check forks workers: the bounds hold there.
    from weibo_lint.index.posts import PARALLEL_THRESHOLD

    for i in range(PARALLEL_THRESHOLD + 10):
        hostile.repo.write(f"posts/many/p{i:04d}.md", f"---\ncolumn: daily\nstatus: draft\n---\n第{i}个问题。\n")
    hostile.repo.write("templates/notes.j2", "{% if body == '大' %}{{ 'x' * 1000000000 }}{% else %}"
                                              "{% for i in range(100000) %}{% for j in range(100000) %}"
                                              "{% endfor %}{% endfor %}{% endif %}{{ body }}")
    hostile.repo.write("posts/note.md", "---\ncolumn: notes\nstatus: draft\n---\n随手记。\n")
    hostile.repo.write("posts/big.md", "---\ncolumn: notes\nstatus: draft\n---\n大\n")
    status, problems = hostile.check()
    assert status == 1
    assert "CPU time" in message(problems, "posts/note.md", "WB104")
    assert "1,000,000,000" in message(problems, "posts/big.md", "WB104")
    still_checked(problems)
    many = {p["path"] for p in problems if p["path"].startswith("posts/many/")}
    assert len(many) == PARALLEL_THRESHOLD + 10  # each checked (its digits beside Chinese: WB502) …
    assert not [p for p in problems if p["path"] in many and p["code"] in ("WB001", "WB104")]  # … and fine
