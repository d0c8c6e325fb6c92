"""WB408's near-duplicate pairs remembered in the index equal the oracle's (near_oracle.py), run after run."""
from __future__ import annotations

import random

import pytest

from tests.schedule.near_oracle import pairs as similar_pairs
from tests.weibo_corpus import real_texts
from weibo_lint.cache import Store
from weibo_lint.index import similar as memo
from weibo_lint.index.similar import NearDuplicates
from weibo_lint.schedule.similar import normalise

ALPHABET = "咖啡拿铁美式手冲冷萃燕麦牛奶焦糖海盐桂花"


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(2, 90)))


def _near(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randrange(0, 4)):
        chars[rng.randrange(len(chars))] = rng.choice(ALPHABET + "新词")  # "新词": bigrams never ranked
    return "".join(chars)


def _pairs(found):
    return [(p.first, p.second, p.similarity) for p in found]


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.85, 1.0])
def test_remembered_pairs_equal_fresh_ones_through_random_edits(threshold):
    rng = random.Random(threshold)
    store = Store(None, "test")
    near = NearDuplicates(store.db)
    texts = [_text(rng) for _ in range(80)]
    texts += [_near(rng, t) for t in texts[:60]]
    rebuilt = incremental = 0
    for step in range(40):
        distinct = list(dict.fromkeys(texts))
        stored_before = store.db.execute("SELECT COUNT(*) FROM near_text").fetchone()[0]
        assert _pairs(near.pairs("official", distinct, threshold)) == _pairs(similar_pairs(distinct, threshold))
        incremental += bool(stored_before)
        # Edit: change, remove and add a few texts; now and then many at once (a rebuild).
        many = step % 13 == 12
        for _ in range(rng.randrange(1, 90 if many else 6)):
            choice = rng.random()
            if choice < 0.4 and texts:
                i = rng.randrange(len(texts))
                texts[i] = _near(rng, texts[i])
            elif choice < 0.6 and len(texts) > 5:
                texts.pop(rng.randrange(len(texts)))
            else:
                texts.append(_near(rng, rng.choice(texts)) if rng.random() < 0.7 else _text(rng))
        rebuilt += many
    assert incremental > 30 and rebuilt >= 2
    assert similar_pairs(list(dict.fromkeys(texts)), threshold) or threshold == 1.0  # the data holds pairs


def test_groups_and_thresholds_are_kept_apart():
    store = Store(None, "test")
    near = NearDuplicates(store.db)
    a, b = ["今天上新桂花燕麦拿铁", "今天上新桂花燕麦拿铁啦"], ["周末带杯立减三元", "明天下雨记得带伞"]
    assert _pairs(near.pairs("official", a, 0.7)) == _pairs(similar_pairs(a, 0.7)) != []
    assert near.pairs("ceo", b, 0.7) == []
    assert near.pairs("official", a, 0.99) == []
    assert _pairs(near.pairs("official", a, 0.7)) == _pairs(similar_pairs(a, 0.7))


def test_a_group_with_many_new_texts_is_rebuilt(monkeypatch):
    store = Store(None, "test")
    near = NearDuplicates(store.db)
    rng = random.Random(7)
    texts = [_text(rng) for _ in range(40)]
    near.pairs("official", texts, 0.6)
    ranks = store.db.execute("SELECT grams FROM near_gram").fetchall()
    assert ranks[0][0]  # the texts share common bigrams
    monkeypatch.setattr(memo, "REBUILD_FLOOR", 5)
    replaced = [_text(rng) for _ in range(30)] + texts[30:]
    assert _pairs(near.pairs("official", replaced, 0.6)) == _pairs(similar_pairs(replaced, 0.6))
    assert store.db.execute("SELECT grams FROM near_gram").fetchall() != ranks  # ranked afresh
    assert store.db.execute("SELECT COUNT(*) FROM near_text").fetchone()[0] == len(replaced)


def test_normalised_texts_are_remembered_and_the_gone_forgotten():
    store = Store(None, "test")
    near = NearDuplicates(store.db)
    texts = ["Ｈｅｌｌｏ，  世界！", "今天 上新！", "   "]
    assert near.normalised(texts) == [normalise(t) for t in texts]
    assert near.normalised(texts[:2]) == [normalise(t) for t in texts[:2]]
    many = [f"第{i}条" for i in range(2000)]
    near.normalised(many)
    assert near.normalised(texts) == [normalise(t) for t in texts]
    assert store.db.execute("SELECT COUNT(*) FROM near_norm").fetchone()[0] == len(texts)  # the rest pruned


def test_groups_joined_in_parallel_equal_those_joined_one_by_one(monkeypatch, forks):
    import os

    monkeypatch.setattr(memo, "PARALLEL_TEXTS", 0)
    rng = random.Random(11)
    groups = {}
    for name in ("official", "ceo", "sub-brand"):
        texts = [_text(rng) for _ in range(50)]
        groups[name] = list(dict.fromkeys(texts + [_near(rng, t) for t in texts[:30]]))
    near = NearDuplicates(Store(None, "test").db)
    found = near.groups(groups, 0.6)
    assert (os.cpu_count() or 1) < 2 or forks  # workers did some of the joins
    assert {name: _pairs(pairs) for name, pairs in found.items()} == \
        {name: _pairs(similar_pairs(texts, 0.6)) for name, texts in groups.items()}
    assert any(found.values())


def test_only_the_groups_asked_for_are_kept():
    store = Store(None, "test")
    near = NearDuplicates(store.db)
    a, b = ["今天上新桂花燕麦拿铁", "今天上新桂花燕麦拿铁啦"], ["周末带杯立减三元", "周末带杯立减三元啦"]
    near.groups({"official": a, "ceo": b}, 0.7)
    near.groups({"official": a}, 0.8)  # the CEO has nothing pending; the threshold changed
    for table in ("near_text", "near_pair"):
        assert {name for (name,) in store.db.execute(f"SELECT DISTINCT grp FROM {table}")} == {"0.8\0official"}
    assert _pairs(near.groups({"official": a, "ceo": b}, 0.7)["ceo"]) == _pairs(similar_pairs(b, 0.7)) != []


def test_remembered_pairs_equal_the_oracles_on_real_weibo_text(monkeypatch):
    """Real posts (reposts of the same news, stacked topics) are full of near duplicates,
    which generated text is not: a sample, then edits, rebuilds and new texts. The bigrams
    are ranked by their counts in every fifth text or so (as in a group of 10,000)."""
    from weibo_lint.schedule import similar

    monkeypatch.setattr(similar, "SAMPLE", 150)
    rng = random.Random(12)
    texts = [normalise(text) for text in real_texts(2000)]
    group = list(dict.fromkeys(texts[:700]))
    spare = iter(texts[700:])
    store = Store(None, "test")
    near = NearDuplicates(store.db)
    total = 0
    for step in range(6):
        for threshold in (0.85, 0.6):
            found = _pairs(near.pairs("official", group, threshold))
            assert found == _pairs(similar_pairs(group, threshold)), (step, threshold)
            total += len(found)
        # Edit: a text cut or extended, one gone, one new (a real one: often a repost of another)
        for _ in range(rng.randrange(1, 6)):
            i = rng.randrange(len(group))
            group[i] = group[i][:-rng.randrange(1, 5)] if rng.random() < 0.5 else group[i] + "转发"
        group.pop(rng.randrange(len(group)))
        group += [next(spare) for _ in range(250 if step == 3 else 3)]  # step 3: a rebuild
        group = list(dict.fromkeys(group))
    assert total > 500  # the sample holds plenty of near duplicates


def test_common_bigrams_are_found_whatever_the_order_of_the_texts():
    """Texts in publishing order alternate between an account's columns: a sample of every
    second text would see one column's template only, and take the other's bigrams for rare
    (each then in every prefix: a join 20 times slower, found by the generated benchmark)."""
    from weibo_lint.schedule.similar import SAMPLE, bigrams, common_ranks

    rng = random.Random(3)
    texts = []
    for number in range(2 * SAMPLE):
        template = ("新品速递{}详情见活动页" if number % 2 == 0 else "服务小贴士{}完整说明在此")
        texts.append(template.format(_text(rng)))
    ranked = common_ranks([bigrams(t) for t in texts])
    for column_words in ("新品速递详情见活动页", "服务小贴士完整说明在此"):
        assert bigrams(column_words[:2]) <= ranked.keys()  # each column's template is common
