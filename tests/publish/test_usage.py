"""The calls a run makes are recorded under usage/, committed and pushed with its work, and
``budget`` shows them; a metrics run reads only what its budget leaves, the youngest first."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import requests

from tests.publish.helpers import CONFIG, NOW, OFFICIAL_TOKEN, git, make_repos, run_cli
from weibo_lint.budget.days import weibo_day

CST = timezone(timedelta(hours=8))


def usage_files(work, account=None) -> dict[str, dict]:
    folder = work / "usage"
    pattern = f"{account or '*'}/*/*.json"
    return {p.relative_to(work).as_posix(): json.loads(p.read_text("utf-8")) for p in sorted(folder.glob(pattern))}


def test_a_publish_run_records_its_calls_and_budget_shows_them(repos, sandbox):
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW)
    assert done.returncode == 0, done.stdout + done.stderr
    files = usage_files(repos.work)
    assert {path.rsplit("/", 1)[0] for path in files} == {"usage/official/2026-12-01", "usage/sub/2026-12-01"}
    made: dict[str, int] = {}
    for data in files.values():
        assert data["command"] == "publish" and data["day"] == "2026-12-01" and data["total"] == sum(data["calls"].values())
        for endpoint, calls in data["calls"].items():
            made[endpoint] = made.get(endpoint, 0) + calls
    assert made == sandbox.calls() == {"statuses/share": 3, "statuses/update": 1}
    # committed with the run's own commits and pushed: nothing left over, the remote has them
    assert git(repos.work, "status", "--porcelain") == ""
    assert git(repos.work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")
    assert git(repos.remote, "ls-tree", "-r", "--name-only", "main", "usage").splitlines() == sorted(files)
    assert not git(repos.work, "log", "--format=%s", "--grep", "^usage:")  # rode along with the claims and outcomes
    shown = run_cli(repos.work, sandbox, "budget", "--now", NOW, "--days", "1", "--format", "json")
    days = {a["key"]: a["days"][0] for a in json.loads(shown.stdout)["accounts"]}
    assert days["official"]["used"] == {"statuses/share": 3} and days["sub"]["used"] == {"statuses/update": 1}
    text = run_cli(repos.work, sandbox, "budget", "--now", NOW, "--days", "1").stdout
    row = next(line for line in text.splitlines() if line.lstrip().startswith("2026-12-01"))
    assert row.split()[2] == "*" and row.split()[8] == "3"  # today, and official's 3 calls in the "used" column


def test_two_runs_write_two_files_and_budget_sums_them(repos, sandbox):
    assert run_cli(repos.work, sandbox, "publish", "--now", NOW).returncode == 0
    sandbox.advance(3600)
    when = datetime.now(timezone.utc) + timedelta(hours=1)
    for minutes in (1, 2):
        done = run_cli(repos.work, sandbox, "metrics", "--now", (when + timedelta(minutes=minutes)).isoformat())
        assert done.returncode == 0, done.stdout + done.stderr
    files = usage_files(repos.work, "official")
    metrics = {path: data for path, data in files.items() if data["command"] == "metrics"}
    assert len(metrics) == 2 and len({data["run"] for data in metrics.values()}) == 2
    assert all(data["calls"] == {"statuses/count": 1} for data in metrics.values())
    assert git(repos.work, "rev-parse", "HEAD") == git(repos.remote, "rev-parse", "main")
    last = when + timedelta(minutes=2)
    shown = json.loads(run_cli(repos.work, sandbox, "budget", "--now", last.isoformat(), "--past", "1", "--days", "1",
                               "--format", "json").stdout)
    official = next(a for a in shown["accounts"] if a["key"] == "official")
    counted = sum((day["used"] or {}).get("statuses/count", 0) for day in official["days"])
    assert counted == 2 == sandbox.calls()["statuses/count"] // 2  # official's two runs of the four reads


def test_a_crashed_runs_counted_calls_are_committed_by_the_next_run(repos, sandbox):
    done = run_cli(repos.work, sandbox, "publish", "--now", NOW, env={"WEIBO_LINT_CRASH_AT": "api-answered"})
    assert done.returncode == -9
    counted = usage_files(repos.work)  # counted before the call, on disk though never committed
    assert sum(sum(d["calls"].values()) for d in counted.values()) == sum(sandbox.calls().values()) == 1
    assert run_cli(repos.work, sandbox, "publish", "--now", NOW).returncode == 0
    committed = git(repos.remote, "ls-tree", "-r", "--name-only", "main", "usage").splitlines()
    assert set(counted) <= set(committed) and len(committed) >= 2  # the crashed run's file and the next run's
    total = 0
    for path in committed:
        total += json.loads(git(repos.remote, "show", f"main:{path}"))["total"]
    assert total == sum(sandbox.calls().values())


TIGHT = CONFIG.replace("rules: {}\n", "rules: {}\nbudget:\n  reserve: 2\n").replace(
    "    token_env: WEIBO_TOKEN_OFFICIAL\n", "    token_env: WEIBO_TOKEN_OFFICIAL\n    daily_calls: {daily}\n")


def _seed_many(repos, sandbox, now: datetime) -> dict[str, str]:
    """150 posts on the sandbox and their records: 20 published in the last day (idstr ->
    'young'), 130 two weeks ago ('old'), all pushed."""
    ages = {}
    for n in range(150):
        if n % 30 == 0 and n:
            sandbox.advance(3700)  # Weibo takes 30 posts an hour
        answer = requests.post(sandbox.base_url + "statuses/share.json",
                               data={"status": f"第 {n} 条 https://example.com/p/{n}"},
                               headers={"Authorization": f"OAuth2 {OFFICIAL_TOKEN}"}, timeout=5)
        assert answer.status_code == 200, answer.text
        idstr = answer.json()["idstr"]
        young = n >= 130
        when = now - (timedelta(hours=n - 129) if young else timedelta(days=14, minutes=n))
        record = {"path": f"posts/old/p{n}.md", "state": "published", "account": "official", "idstr": idstr,
                  "published_at": when.isoformat(timespec="seconds"), "text": f"第 {n} 条"}
        path = repos.work / "published" / "official" / f"old__p{n}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        ages[idstr] = "young" if young else "old"
    git(repos.work, "add", "-A")
    git(repos.work, "commit", "--quiet", "-m", "earlier publications")
    git(repos.work, "push", "--quiet", "origin", "main")
    return ages


def _metrics_run(tmp_path, sandbox, daily: int):
    repos = make_repos(tmp_path, posts={}, config=TIGHT.replace("{daily}", str(daily)))
    now = datetime.now(CST).replace(microsecond=0)
    ages = _seed_many(repos, sandbox, now)
    before = sandbox.calls().get("statuses/count", 0)
    done = run_cli(repos.work, sandbox, "metrics", "--now", now.isoformat())
    assert done.returncode == 0, done.stdout + done.stderr
    month = now.strftime("%Y-%m")
    rows = (repos.work / f"metrics/official/{month}.csv").read_text().splitlines()[1:] \
        if (repos.work / f"metrics/official/{month}.csv").exists() else []
    return repos, done, ages, [row.split(",")[1] for row in rows], sandbox.calls().get("statuses/count", 0) - before


def test_a_tight_budget_reads_only_what_fits_youngest_first(tmp_path, sandbox):
    # 3 calls a day, 2 kept for reconciliation: one statuses/count call of 100 ids is left
    repos, done, ages, read, calls = _metrics_run(tmp_path, sandbox, daily=3)
    assert calls == 1 and len(read) == 100
    assert {i for i, age in ages.items() if age == "young"} <= set(read)  # all 20 young posts first
    assert "50 post(s) due for metrics wait for a later run" in done.stdout
    today = weibo_day(datetime.now(CST))
    files = usage_files(repos.work, "official")
    assert [d["calls"] for d in files.values()] == [{"statuses/count": 1}]
    assert all(path.startswith(f"usage/official/{today.isoformat()}/") for path in files)


def test_no_room_left_means_no_read(tmp_path, sandbox):
    repos, done, _ages, read, calls = _metrics_run(tmp_path, sandbox, daily=2)
    assert calls == 0 and read == []
    assert "150 post(s) due for metrics wait for a later run: 0 of its 2 calls" in done.stdout
    assert usage_files(repos.work) == {}


def test_metrics_and_its_matrix_read_budget_metrics_days_when_no_days_is_given(tmp_path, sandbox):
    config = TIGHT.replace("{daily}", "100").replace("  reserve: 2\n", "  reserve: 2\n  metrics_days: 7\n")
    repos = make_repos(tmp_path, posts={}, config=config)
    now = datetime.now(CST).replace(microsecond=0)
    ages = _seed_many(repos, sandbox, now)
    planned = json.loads(run_cli(repos.work, sandbox, "matrix", "--for", "metrics", "--now", now.isoformat()).stdout)
    assert [entry["work"] for entry in planned["include"]] == [1]  # the 20 young posts: one call of ids
    done = run_cli(repos.work, sandbox, "metrics", "--now", now.isoformat())
    assert done.returncode == 0, done.stdout + done.stderr
    rows = (repos.work / f"metrics/official/{now.strftime('%Y-%m')}.csv").read_text().splitlines()[1:]
    assert {row.split(",")[1] for row in rows} == {i for i, age in ages.items() if age == "young"}  # 14 days: out
    wider = run_cli(repos.work, sandbox, "metrics", "--now", now.isoformat(), "--days", "30", "--no-push")
    assert wider.returncode == 0 and "official: 150 post(s) measured" in wider.stdout  # --days still rules
    planned = run_cli(repos.work, sandbox, "matrix", "--for", "metrics", "--now", now.isoformat(), "--days", "30")
    assert [entry["work"] for entry in json.loads(planned.stdout)["include"]] == [2]
