"""How long ``weibo-lint build`` takes on a big repository.

Generates a repository of N posts (default 10,000: mixed Chinese and Latin text, topics,
mentions, links, pictures, several columns and accounts, publication records and a metrics
time series for the published ones), then builds the site cold (no result cache) and warm
(the check's cache filled), and prints the wall time of each phase and the peak memory.

    python bench/site_bench.py [--posts 10000] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import datetime, timedelta
from pathlib import Path

ACCOUNTS = {
    "official": "    name: 星河咖啡\n    api: share\n    limit: 140\n    safe_domain: www.example.com\n"
                "    token_env: WEIBO_TOKEN_OFFICIAL\n",
    "ceo": "    name: 星河咖啡林晓\n    api: manual\n    limit: 2000\n",
    "store": "    name: 星河咖啡门店\n    api: manual\n    limit: 2000\n",
}
COLUMNS = [("daily", "ceo", "每日一问", "day", 1, 2, '"20:30"'), ("news", "official", "新品速递", "week", 2, 30, '"tue 10:00"'),
           ("tips", "official", "服务小贴士", "week", 1, 30, '"fri 15:30"'), ("shop", "store", "门店故事", "week", 1, 40, '"sat 11:00"')]
WORDS = ["咖啡", "拿铁", "新品", "冬天", "门店", "手冲", "燕麦奶", "latte", "cold brew", "V60", "周末", "早安",
         "会员", "小程序", "桂花", "焦糖", "海盐", "espresso", "杯子", "豆子"]


def _png(path: Path, rgb: tuple[int, int, int]) -> None:
    raw = b"".join(b"\x00" + bytes(rgb) * 32 for _ in range(32))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 32, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _body(rng: random.Random, column: str) -> str:
    text = "，".join(" ".join(rng.sample(WORDS, 3)) for _ in range(rng.randint(2, 4)))
    if column != "news" and column != "tips":
        text += f" #{rng.choice(WORDS)}# @星河咖啡 [心]"
    return text + "。"


def generate(root: Path, posts: int, *, now: datetime) -> None:
    rng = random.Random(20261123)
    accounts = "".join(f"  {key}:\n{spec}" for key, spec in ACCOUNTS.items())
    (root / "weibo.yaml").write_text(f"timezone: Asia/Shanghai\naccounts:\n{accounts}", "utf-8")
    for folder in ("columns", "templates", "images", "published", "metrics"):
        (root / folder).mkdir()
    for slug, account, topic, per, low, high, slot in COLUMNS:
        (root / "columns" / f"{slug}.yaml").write_text(
            f"name: {topic}\naccount: {account}\ntopic: {topic}\ntemplate: {slug}.j2\n"
            f"cadence: {{per: {per}, min: {low}, max: {high}}}\nslots: [{slot}]\n", "utf-8")
        link = " 详情 {{ post.link }}" if account == "official" else ""
        head = "【{{ column.name }}】" if account == "official" else "#{{ column.topic }}# "
        (root / "templates" / f"{slug}.j2").write_text(head + "{{ body }}" + link, "utf-8")
    for index in range(12):
        _png(root / "images" / f"p{index}.png", (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    start = now - timedelta(days=posts // 40)
    rows: dict[tuple[str, str], list[str]] = {}
    for number in range(posts):
        slug, account = COLUMNS[number % len(COLUMNS)][:2]
        when = start + timedelta(minutes=37 * number)
        month = f"{when:%Y-%m}"
        name = f"{when:%Y-%m-%d}-{slug}-{number:05d}"
        folder = root / "posts" / month
        folder.mkdir(parents=True, exist_ok=True)
        images = f"images:\n  - images/p{number % 12}.png\n" if number % 3 == 0 else ""
        link = f"link: https://www.example.com/p/{number}\n" if account == "official" else ""
        status = "draft" if number % 7 == 0 else "approved"
        (folder / f"{name}.md").write_text(
            f"---\ncolumn: {slug}\npublish_at: {when:%Y-%m-%d %H:%M}\nstatus: {status}\ntitle: 第 {number} 条\n{link}{images}"
            f"---\n{_body(rng, slug)}\n", "utf-8")
        if when < now and status == "approved":
            idstr = str(5000000000000000 + number)
            record = {"path": f"posts/{month}/{name}.md", "state": "published", "account": account, "idstr": idstr,
                      "url": f"https://weibo.com/1/{idstr}", "published_at": when.isoformat()}
            (root / "published" / account).mkdir(exist_ok=True)
            (root / "published" / account / f"{month}__{name}.json").write_text(json.dumps(record), "utf-8")
            for day in range(3):
                fetched = when + timedelta(days=day + 1)
                rows.setdefault((account, f"{fetched:%Y-%m}"), []).append(
                    f"{fetched.isoformat()},{idstr},{rng.randint(0, 50)},{rng.randint(0, 90)},{rng.randint(0, 400)}")
    for (account, month), lines in rows.items():
        (root / "metrics" / account).mkdir(exist_ok=True)
        (root / "metrics" / account / f"{month}.csv").write_text(
            "fetched_at,id,reposts,comments,attitudes\n" + "\n".join(lines) + "\n", "utf-8")


def _timed(label: str, action):
    began = time.perf_counter()
    value = action()
    print(f"  {label:<32}{time.perf_counter() - began:7.2f} s")
    return value


def build_once(root: Path, now: datetime, *, use_cache: bool) -> float:
    from weibo_lint.config import load_config
    from weibo_lint.site.build import site_settings
    from weibo_lint.site.inputs import gather
    from weibo_lint.site.pages import site_pages
    from weibo_lint.site.writer import write_site

    began = time.perf_counter()
    config = load_config(root / "weibo.yaml")
    data, media = _timed("gather (check, records, metrics)", lambda: gather(config, now=now, use_cache=use_cache))
    pages = _timed("page models", lambda: site_pages(data, site_settings(config)))
    _timed("render and write", lambda: write_site(pages, root / "_site", root=root,
                                                  override=root / "templates" / "site", media=media))
    total = time.perf_counter() - began
    print(f"  {'total':<32}{total:7.2f} s   ({len(pages)} pages)")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="generate into this (new) folder and keep it")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    now = datetime.fromisoformat("2026-11-23T09:00:00+08:00")
    root = args.keep or Path(tempfile.mkdtemp(prefix="weibo-lint-site-bench-"))
    try:
        root.mkdir(parents=True, exist_ok=True)
        _timed(f"generate {args.posts} posts", lambda: generate(root, args.posts, now=now))
        print("cold build (no result cache):")
        cold = build_once(root, now, use_cache=False)
        build_once(root, now, use_cache=True)  # fills the check's cache
        print("warm build (check results cached):")
        warm = build_once(root, now, use_cache=True)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"site build for {args.posts} posts: cold {cold:.2f} s, warm {warm:.2f} s, peak memory {peak:.0f} MB")
        # As users run it: the command in its own process (bytecode written as an install does).
        environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "weibo_lint", "build", "--out", str(root / "_site"),
                        "--now", now.isoformat()], cwd=root, env=environ, check=True, capture_output=True)
        print(f"`weibo-lint build` (warm cache, own process): {time.perf_counter() - began:.2f} s")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
