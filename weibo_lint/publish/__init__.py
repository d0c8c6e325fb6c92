"""The publisher: approved posts go out on time, exactly once, and the results come back to git.

Modules. Pure: ``plan`` (which posts, in which order), ``outcomes`` (docs/platform.md §4.6
error table), ``evidence`` (reading the timeline), ``summary`` (what a run prints), ``series``
and ``report`` (the metrics time series and its statistics), ``steps`` (named steps).
Edges: ``api`` (HTTP), ``gitedge`` (git), ``content`` (post files and pictures). The run:
``settings``, ``run`` (one run), ``attempt`` (one publication), ``reconcile`` (unfinished
ones), ``review`` (posts held for review), ``register`` (``weibo-lint record``),
``metrics`` (``weibo-lint metrics``).

Exactly once
============

Each post has one record file, ``published/<account>/<post>.json``. A publication is:

1. write an ``intent`` record (the exact text and its sha256, a nonce, the attempt
   number, who is running, the time, the ids of the account's posts known before the call)
   → commit → **push**. The push is the lock: it must fast-forward the remote, and it may go
   on top of a commit only if no one else changed a record of the account since the plan
   was made (compared with the plan's commit, never with what a rejected push moved us
   onto). So one account has at most one open attempt. If the push cannot be made, the API
   is **not** called;
2. call the API;
3. write ``published`` (id, mid, URL, Weibo's ``created_at``), ``published`` under review
   (20032: the id follows later) or ``failed`` (Weibo's code and message) → commit → push. A
   refusal that certainly changed nothing on Weibo (rate limits, auth) *releases* the claim
   instead: the record is deleted, the post waits.

An intent on the remote without an outcome means "the API may have been called". A run
begins by finishing what a killed run left (outcomes are carried over, intents never pushed
are dropped, half-written temp files deleted), then **reconciles** every intent before
sending anything: it reads the account's 5 newest posts (``statuses/user_timeline``, all
Weibo shows) and

* finds our exact text created after the intent → ``published`` with that id;
* does not find it, and the page reaches back past the attempt (fewer than 5 posts, one of
  the posts the intent ``follows``, or an oldest post older than it) → it never went out:
  release, and publish it again as attempt + 1;
* does not find it, and cannot see that far back → ``failed``, *needing a human*, saying
  what the page showed. The publisher never re-sends on hope.

While an account has an attempt that cannot be settled yet (its run may be alive, it is
younger than ``publish.settle``, the answer was unclear, the timeline cannot be read, a post
is under review), nothing newer goes out on that account: newer posts would push the attempt
out of the 5 the timeline shows. Other accounts go on; the run exits 1.

docs/publishing.md has the table of faults and what each does, each row a test
(``tests/publish/test_faults.py``, ``tests/publish/test_exactly_once.py``), and
``bench/fault_sweep.py`` sweeps SIGKILL through a whole 8-post run.

The token is read from the account's ``token_env`` and sent only in the
``Authorization`` header; it is never logged, printed, committed or put in a URL.

``WEIBO_LINT_CRASH_AT=<step>`` kills the process at a step (see ``steps``): a test-only
hook for the fault-injection suite.
"""
