"""Weibo's per-account daily API budget: what the schedule will spend, what was spent.

Weibo allows an authorised user about 100 API requests a day through one app, every
endpoint together, and 30 posts an hour (docs/platform.md §2.3, §2.4). Publishing,
reconciliation reads and metrics all draw on it.

All pure: ``settings`` (the ``budget:`` section), ``days`` (Weibo's day), ``forecast`` (the
calls a schedule needs per account and day), ``reads`` (which metrics reads fit what is
left), ``spent`` (the calls made, summed), ``view`` and ``render`` (``weibo-lint budget``).
The edge that records and reads the calls made is ``weibo_lint/usage.py``, beside
``records.py``: files under ``usage/``, committed like the publication records.
"""
