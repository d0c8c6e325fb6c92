"""Benchmark ``weibo-lint check --changed-since`` on a generated 50,000-post git repository.

The repository is what a busy brand accumulates over fourteen years: three accounts with
posting rules, nine daily and four weekly columns with cadence and slots, every post before
``--now`` published (one record under ``published/`` each), the coming three weeks approved,
and a few drafts. HEAD~1..HEAD is a pull request that edits one post. Timed, each in its own
process (wall clock, so interpreter start-up and imports included):

1. cold: ``check --changed-since HEAD~1`` with no cache folder (builds the index);
2. warm: the same again, nothing changed;
3. one post edited in the working tree (uncommitted), then the same again;
4. for reference, a full ``check`` (every post's own problems) with the warm index;
5. the CI flow: the index built on main without git, restored into a fresh clone of the
   pull request (``ci_flow``).

Then the same ``--changed-since`` run in-process, phase by phase. Usage:

    python bench/schedule_bench.py [N] [--keep DIR] [--reuse]

``--reuse`` times a repository kept by an earlier ``--keep DIR`` run again (its edits reset).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

NOW = "2026-11-24T09:00:00+08:00"
CONFIG = """\
timezone: Asia/Shanghai
accounts:
  official:
    name: 星河咖啡
    api: share
    safe_domain: www.example.com
    posting: {min_per_day: 2, max_per_day: 8, min_gap: 45m, windows: ["09:30-12:00", "15:30-17:30", "20:30-23:30"]}
  ceo:
    name: 星河咖啡林晓
    api: manual
    limit: 2000
    posting: {min_per_day: 1, max_per_day: 3, min_gap: 45m, windows: ["11:00-12:00", "20:00-23:30"]}
  roastery:
    name: 星河咖啡烘焙工坊
    api: update
    limit: 2000
    posting: {min_per_day: 1, max_per_day: 5, min_gap: 45m, windows: ["10:00-12:00", "15:00-17:00", "21:30-23:30"]}
rules: {}
"""
# slug: (name, account, template, cadence, slots)
COLUMNS = {
    "morning": ("早安咖啡", "official", "share", "{per: day, min: 1, max: 1}", ["09:30"]),
    "lunch": ("午间特调", "official", "share", "{per: day, min: 1, max: 1}", ["11:30"]),
    "afternoon": ("下午茶", "official", "share", "{per: day, min: 1, max: 1}", ["16:00"]),
    "night": ("晚安电台", "official", "share", "{per: day, min: 1, max: 1}", ["21:00"]),
    "new-arrivals": ("新品速递", "official", "share", "{per: week, min: 2, max: 3}", ["tue 10:30", "thu 10:30"]),
    "service-tips": ("服务小贴士", "official", "share", "{per: week, min: 1, max: 2}", ["mon 17:00", "fri 17:00"]),
    "daily-question": ("每日一问", "ceo", "topic", "{per: day, min: 1, max: 1}", ["20:30"]),
    "ceo-noon": ("林晓午间", "ceo", "topic", "{per: day, min: 1, max: 1}", ["11:15"]),
    "roast-am": ("烘焙晨报", "roastery", "topic", "{per: day, min: 1, max: 1}", ["10:00"]),
    "roast-pm": ("烘焙午后", "roastery", "topic", "{per: day, min: 1, max: 1}", ["15:30"]),
    "roast-night": ("烘焙夜话", "roastery", "topic", "{per: day, min: 1, max: 1}", ["22:00"]),
    "weekend": ("周末去哪儿", "roastery", "topic", "{per: week, min: 1, max: 1}", ["sat 11:00"]),
    "cupping": ("杯测笔记", "roastery", "topic", "{per: week, min: 1, max: 2}", ["wed 16:30"]),
}
TEMPLATES = {"share": "【{{ column.name }}】{{ body }}详情 {{ post.link }}", "topic": "#{{ column.topic }}# {{ body }}"}
WORDS = ["咖啡", "拿铁", "美式", "手冲", "冷萃", "燕麦奶", "牛奶", "焦糖", "海盐", "桂花", "豆子", "烘焙", "研磨", "门店", "店员", "会员", "积分", "小程序", "早高峰", "周末", "下午", "晚上", "冬天", "夏天", "杯子", "甜度", "风味", "柑橘", "坚果", "可可", "酸度", "口感", "香气", "水温", "闷蒸", "滤纸", "咖啡师", "拉花", "奶泡", "云南", "埃塞俄比亚", "哥伦比亚", "巴西", "肯尼亚", "危地马拉", "成都", "杭州", "北京", "上海", "广州", "深圳", "朋友", "同事", "家人", "礼盒", "贺卡", "试饮", "新品", "限定", "回归", "上市", "预订", "配送", "自取", "排队", "点单", "菜单", "收藏", "分享", "评论", "留言"]


def generate(root: Path, count: int, seed: int = 11) -> list[Path]:
    """Write the repository; returns the post files, oldest first."""
    rng = random.Random(seed)
    (root / "columns").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / "weibo.yaml").write_text(CONFIG, encoding="utf-8")
    for slug, (name, account, template, cadence, slots) in COLUMNS.items():
        (root / "columns" / f"{slug}.yaml").write_text(
            f"name: {name}\naccount: {account}\ntopic: {name}\ntemplate: {template}.j2\n"
            f"cadence: {cadence}\nslots: {json.dumps(slots)}\n", encoding="utf-8")
    for name, text in TEMPLATES.items():
        (root / "templates" / f"{name}.j2").write_text(text, encoding="utf-8")
    now = datetime.fromisoformat(NOW).replace(tzinfo=None)
    times = sorted(_schedule(now + timedelta(days=21), count))
    paths = []
    for index, (when, slug) in enumerate(times):
        name, account, template, _cadence, _slots = COLUMNS[slug]
        words = rng.sample(WORDS, rng.randrange(8, 16))
        body = "，".join("".join(words[i:i + 2]) for i in range(0, len(words), 2)) + f"。第 {index} 期。\n"
        status = "draft" if when > now + timedelta(days=15) and rng.random() < 0.3 else "approved"
        link = f"link: https://www.example.com/p/{index}\n" if template == "share" else ""
        text = (f"---\ncolumn: {slug}\npublish_at: {when:%Y-%m-%d %H:%M}\nstatus: {status}\n"
                f"title: {name}第 {index} 期\n{link}---\n{body}")
        path = root / "posts" / f"{when:%Y-%m}" / f"{when:%Y-%m-%d}-{slug}-{index}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        if when < now:
            _record(root, path, account, when, body)
    return paths


def _schedule(end: datetime, count: int) -> list[tuple[datetime, str]]:
    """``count`` slot times, walking back from ``end`` day by day through every column's slots."""
    found: list[tuple[datetime, str]] = []
    day = end.date()
    weekdays = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    while len(found) < count:
        day -= timedelta(days=1)
        for slug, (_n, _a, _t, _c, slots) in COLUMNS.items():
            for slot in slots:
                *weekday, clock = slot.split()
                if weekday and weekdays[day.weekday()] != weekday[0]:
                    continue
                hour, minute = map(int, clock.split(":"))
                found.append((datetime(day.year, day.month, day.day, hour, minute), slug))
    return found[:count]


def _record(root: Path, post: Path, account: str, when: datetime, body: str) -> None:
    inside = post.relative_to(root / "posts").with_suffix("")
    target = root / "published" / account / ("__".join(inside.parts) + ".json")
    target.parent.mkdir(parents=True, exist_ok=True)
    published = (when + timedelta(seconds=7)).strftime("%Y-%m-%dT%H:%M:%S+08:00")
    idstr = str(5000000000000000 + int(hashlib.sha1(str(post).encode()).hexdigest()[:12], 16))
    record = {"path": post.relative_to(root).as_posix(), "state": "published", "account": account, "idstr": idstr,
              "published_at": published, "text_sha256": hashlib.sha256(body.encode()).hexdigest(),
              "via": "statuses/share"}
    target.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", *args], cwd=root,
                   check=True, capture_output=True)


def run(root: Path, *args: str) -> tuple[float, int, int]:
    """Wall seconds, exit code and problem count of one ``weibo-lint check`` in its own process."""
    command = [sys.executable, "-m", "weibo_lint", "check", "--format", "json", "--now", NOW, *args]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"check failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed, done.returncode, len(json.loads(done.stdout or "[]"))


def ci_flow(root: Path) -> None:
    """What the workflows do: site.yml builds the index on main (``gather``, as ``weibo-lint
    build`` does, without git) and saves it; check.yml restores it into a fresh checkout of
    the pull request and runs ``--changed-since``."""
    main_runner, pr_runner = root.parent / (root.name + "-main"), root.parent / (root.name + "-pr")
    try:
        for clone in (main_runner, pr_runner):
            shutil.rmtree(clone, ignore_errors=True)
            git(root.parent, "clone", "-q", str(root), str(clone))
        git(main_runner, "checkout", "-q", "HEAD~1")
        subprocess.run([sys.executable, "-c", ("from weibo_lint.check import gather\n"
                                               "from weibo_lint.config import load_config\n"
                                               "gather(load_config(None))")], cwd=main_runner, check=True)
        shutil.copytree(main_runner / ".weibo-lint-cache", pr_runner / ".weibo-lint-cache")
        seconds, code, problems = run(pr_runner, "--changed-since", "HEAD~1")
        print(f"CI flow: fresh checkout, index restored from main  {seconds:6.2f} s   exit {code}   {problems} problems")
    finally:
        for clone in (main_runner, pr_runner):
            shutil.rmtree(clone, ignore_errors=True)


def startup() -> float:
    """Wall seconds of the interpreter and CLI start-up alone, the floor under every figure."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "weibo_lint", "--version"], capture_output=True, check=True)
    return time.perf_counter() - started


def in_process(root: Path) -> None:
    """The warm ``--changed-since`` run once more, inside this process, with its phases timed."""
    from weibo_lint import check as module
    from weibo_lint.config import load_config
    from weibo_lint.times import parse_datetime

    marks: list[tuple[str, float]] = []
    originals = {}
    for name in ("build_env", "affected", "load_published", "check_collection"):
        originals[name] = getattr(module, name)

        def timed(*a, __name=name, **k):
            started = time.perf_counter()
            try:
                return originals[__name](*a, **k)
            finally:
                marks.append((__name, time.perf_counter() - started))
        setattr(module, name, timed)
    for method in ("__init__", "refresh", "results", "save"):
        original = getattr(module.PostIndex, method)

        def timed_method(self, *a, __original=original, __name=method, **k):
            started = time.perf_counter()
            try:
                return __original(self, *a, **k)
            finally:
                marks.append((f"index.{__name.strip('_')}", time.perf_counter() - started))
        setattr(module.PostIndex, method, timed_method)
    os.chdir(root)
    config = load_config(root / "weibo.yaml")
    started = time.perf_counter()
    report = module.run_check(config, now=parse_datetime(NOW, config.timezone), changed_since="HEAD~1")
    total = time.perf_counter() - started
    print(f"in-process --changed-since run: {total:.3f} s ({len(report.problems)} problems, "
          f"{report.files_checked} posts selected)")
    for name, seconds in marks:
        print(f"  {name:<18} {seconds:.3f} s")


def main() -> None:
    # Measure what users run: a pip install compiles the bytecode; this machine's environment
    # turns writing it off, which would add ~0.1 s of compiling to every run.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--reuse", action="store_true", help="time the repository --keep DIR already holds")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="weibo-lint-schedule-bench-"))
    try:
        started = time.perf_counter()
        if args.reuse and (root / ".git").is_dir():
            git(root, "checkout", "-q", "--", ".")
            paths = sorted((root / "posts").rglob("*.md"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        else:
            paths = generate(root, args.count)
            git(root, "init", "-q", "-b", "main")
            git(root, "add", "-A")
            git(root, "commit", "-q", "-m", "fourteen years of posts")
            pull_request = paths[-40]  # an upcoming post, edited on a branch
            text = pull_request.read_text("utf-8").replace("。第", "，多加一句。第")
            pull_request.write_text(text, encoding="utf-8")
            git(root, "commit", "-q", "-am", "edit one post")
        shutil.rmtree(root / ".weibo-lint-cache", ignore_errors=True)
        records = sum(1 for _ in (root / "published").rglob("*.json"))
        print(f"{len(paths)} posts, {records} publication records in {root} "
              f"(generated in {time.perf_counter() - started:.0f} s; cpus: {os.cpu_count()})")
        time.sleep(2.5)  # let every file age past the index's racy-clean margin, as in a real checkout
        print(f"calibration: `weibo-lint --version` {startup():.2f} s; load average {os.getloadavg()[0]:.1f}")
        for label, edit in (("cold (no index)", None), ("warm (nothing changed)", None),
                            ("one post edited", paths[-30])):
            if edit is not None:
                edit.write_text(edit.read_text("utf-8") + "\n新的一行。\n", encoding="utf-8")
            seconds, code, problems = run(root, "--changed-since", "HEAD~1")
            print(f"--changed-since HEAD~1, {label:<24} {seconds:6.2f} s   exit {code}   {problems} problems")
        seconds, code, problems = run(root)
        print(f"full check (warm index, every post's results) {seconds:6.2f} s   exit {code}   {problems} problems")
        in_process(root)
        ci_flow(root)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
