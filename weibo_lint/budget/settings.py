"""The ``budget:`` section of weibo.yaml and ``accounts.<key>.daily_calls``. Pure.

``daily_calls`` is the per-account daily API budget (Weibo's 100, docs/platform.md §2.3),
set for every account under ``budget:`` or for one account under ``accounts.<key>`` (an
app on a higher tier); ``reserve`` is the calls kept back each day for reconciliation reads
(see ``forecast``); ``metrics_runs`` and ``metrics_days`` describe the metrics workflow (how
many runs a day, how many days back it reads) so that its calls can be planned.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from weibo_lint.i18n import _

BUDGET_KEYS = ("daily_calls", "reserve", "metrics_runs", "metrics_days")
DAILY_CALLS = 100  # docs/platform.md §2.3
RESERVE = 5  # one reconciliation (2 timeline reads) and one unclear answer's confirmation (3)
METRICS_RUNS = 1  # the example metrics.yml runs once a day
METRICS_DAYS = 30  # `weibo-lint metrics --days` default
_RANGES = {"daily_calls": (1, 1_000_000), "reserve": (0, 1000), "metrics_runs": (0, 288), "metrics_days": (1, 3650)}


@dataclass(frozen=True)
class BudgetSettings:
    daily_calls: int = DAILY_CALLS
    reserve: int = RESERVE
    metrics_runs: int = METRICS_RUNS
    metrics_days: int = METRICS_DAYS
    accounts: Mapping[str, int] = field(default_factory=dict)  # account key -> its own daily_calls

    def daily(self, account: str) -> int:
        """The daily budget of ``account``."""
        return self.accounts.get(account, self.daily_calls)


def read_budget(data: Mapping[str, Any], where: str) -> tuple[BudgetSettings, list[str]]:
    """The settings of ``data`` (weibo.yaml's top level), and what is wrong with them
    (messages naming the key, so that the loader can add its line)."""
    errors: list[str] = []
    raw = data.get("budget")
    values: dict[str, int] = {}
    if raw is not None and not isinstance(raw, dict):
        errors.append(_("{where}: 'budget' must be a mapping of {keys}").format(where=where,
                                                                                 keys=", ".join(BUDGET_KEYS)))
    elif raw:
        for key, value in raw.items():
            if key not in BUDGET_KEYS:
                from weibo_lint.schema import did_you_mean

                errors.append(_("{where}: unknown setting '{prefix}{key}'{hint}").format(
                    where=where, prefix="budget.", key=key, hint=did_you_mean(str(key), list(BUDGET_KEYS))))
                continue
            error = _whole(value, key, f"budget.{key}", where)
            if error:
                errors.append(error)
            else:
                values[key] = value
    own: dict[str, int] = {}
    accounts = data.get("accounts")
    for key, spec in (accounts.items() if isinstance(accounts, dict) else ()):
        if isinstance(spec, dict) and "daily_calls" in spec:
            error = _whole(spec["daily_calls"], "daily_calls", f"accounts.{key}.daily_calls", where)
            if error:
                errors.append(error)
            else:
                own[str(key)] = spec["daily_calls"]
    return BudgetSettings(**values, accounts=own), errors


def _whole(value: Any, name: str, at: str, where: str) -> str | None:
    low, high = _RANGES[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return _("{where}: '{at}' must be a whole number from {low} to {high}, got {value}").format(
            where=where, at=at, low=low, high=high, value=repr(value))
    return None
