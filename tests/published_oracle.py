"""The publications read the plain way, from every record file: the oracle the index
(``weibo_lint.index.records.load_published``) is compared against. Production reads them
through the index only."""
from __future__ import annotations

from datetime import datetime

from weibo_lint.config import Config
from weibo_lint.model import Published
from weibo_lint.records import read_records


def load_published(config: Config) -> dict[str, Published]:
    """The posts that went out (state ``published``), by post path: per post, the last record
    file in path order wins (``read_records``), if it says ``published`` with a valid time."""
    records, _problems = read_records(config)
    published = {}
    for path, data in records.items():
        if data.get("state") != "published":
            continue
        try:
            when = datetime.fromisoformat(data["published_at"])
        except (KeyError, TypeError, ValueError):
            continue
        published[path] = Published(path=path, account=str(data.get("account", "")), id=str(data.get("idstr", "")),
                                    published_at=when, text_hash=data.get("text_sha256"))
    return published
