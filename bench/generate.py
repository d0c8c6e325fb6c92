"""Generate a realistic content repository of N posts for benchmarks.

Mixed Chinese and Latin text, topics, mentions, links, emphasis and lists, several
accounts and columns, dates spread over months. Deterministic for a given seed.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

ACCOUNTS = """\
timezone: Asia/Shanghai
accounts:
  official:
    name: 星河咖啡
    api: share
    safe_domain: www.example.com
    token_env: WEIBO_TOKEN_OFFICIAL
  ceo:
    name: 星河咖啡林晓
    api: manual
    limit: 2000
  sub:
    name: 星河咖啡烘焙工坊
    api: update
    limit: 2000
    token_env: WEIBO_TOKEN_SUB
rules: {}
"""
COLUMNS = {
    "new-arrivals": ("新品速递", "official", "新品速递", "【{{ column.name }}】{{ body }}详情 {{ post.link }}"),
    "service-tips": ("服务小贴士", "official", "服务小贴士", "【{{ column.name }}】{{ body }}完整说明 {{ post.link }}"),
    "daily-question": ("每日一问", "ceo", "每日一问", "#{{ column.topic }}# {{ body }}"),
    "roastery": ("烘焙日记", "sub", "烘焙日记", "#{{ column.topic }}# {{ body }}"),
    "weekend": ("周末去哪儿", "sub", "周末去哪儿", "#{{ column.topic }}# {{ body }}"),
}
# Words to build distinct sentences from: real posts are not near-duplicates of each other
# (WB408 would rightly report them), so neither are the generated ones.
WORDS = ["咖啡", "拿铁", "美式", "燕麦", "焦糖", "海盐", "桂花", "冷萃", "手冲", "烘焙", "豆子", "门店", "早晨", "周末", "下午", "朋友", "同事", "季节", "限定", "温暖", "清爽", "香气", "柑橘", "坚果", "可可", "奶泡", "杯子", "菜单", "会员", "积分", "预订", "外卖", "包装", "礼盒", "城市", "街角", "阳光", "雨天", "音乐", "书店", "故事", "味道", "回忆", "心情", "一起", "分享", "尝试", "推荐", "喜欢", "期待", "感谢", "记得", "发现", "选择", "新鲜", "慢慢", "今天", "明天", "本周", "上海", "成都", "杭州", "北京", "深圳", "广州", "南京"] + [" iPhone ", " App ", " 3 "]
PHRASES = [
    "今天的 **冬季限定** 拿铁上市了，双份浓缩配慢熬焦糖。",
    "你更喜欢燕麦奶还是牛奶？评论区告诉我们[哈哈]",
    "门店和小程序同步开售，中杯 28 元。",
    "感谢 @星河咖啡 的伙伴们一整年的陪伴。",
    "咖啡豆开封后请密封避光保存，两周内喝完风味更好。",
    "本周 iPhone 用户可以在 App 里提前下单，到店即取。",
    "烘焙师说：这批埃塞俄比亚豆子有明显的柑橘香气。",
    "周末带上自己的杯子来店里，立减 3 元。",
    "更多活动请看 [活动页](https://www.example.com/events)。",
    "成都太古里店新开张，欢迎来坐坐。",
]


def _word(rng: random.Random) -> str:
    """Mostly common words, with the long tail of rarer characters real Chinese text has."""
    if rng.random() < 0.7:
        return rng.choice(WORDS)
    return "".join(chr(rng.randrange(0x4E00, 0x4E00 + 3500)) for _ in range(2))


def generate(root: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    (root / "columns").mkdir(parents=True, exist_ok=True)
    (root / "templates").mkdir(exist_ok=True)
    (root / "weibo.yaml").write_text(ACCOUNTS, encoding="utf-8")
    for slug, (name, account, topic, template) in COLUMNS.items():
        (root / "columns" / f"{slug}.yaml").write_text(
            f"name: {name}\naccount: {account}\ntopic: {topic}\ntemplate: {slug}.j2\n", encoding="utf-8")
        (root / "templates" / f"{slug}.j2").write_text(template, encoding="utf-8")
    start = datetime(2025, 1, 1, 10, 0)
    slugs = list(COLUMNS)
    paths = []
    for index in range(count):
        slug = slugs[index % len(slugs)]
        when = start + timedelta(hours=3 * index + rng.randrange(3))
        folder = root / "posts" / when.strftime("%Y-%m")
        folder.mkdir(parents=True, exist_ok=True)
        words = rng.randrange(12, 22) if COLUMNS[slug][1] == "official" else rng.randrange(20, 60)
        parts = ["".join(_word(rng) for _ in range(words)) + "。", rng.choice(PHRASES)]
        if rng.random() < 0.2:
            parts.append("\n\n- 第一步：选豆\n- 第二步：研磨")
        body = "\n".join(parts) + f"\n编号 {index}。\n"
        link = f"link: https://www.example.com/p/{index}\n" if COLUMNS[slug][1] == "official" else ""
        text = (f"---\ncolumn: {slug}\npublish_at: {when:%Y-%m-%d %H:%M}\nstatus: approved\n"
                f"title: 基准测试 {index}\n{link}---\n{body}")
        path = folder / f"{when:%Y-%m-%d}-{slug}-{index}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
