"""The publisher: approved posts go out on time, exactly once, and the results come back to git.

Modules. Pure: ``plan`` (which posts, in which order), ``outcomes`` (the PLATFORM.md §4
error table), ``evidence`` (reading the timeline), ``summary`` (what a run prints), ``series``
and ``report`` (the metrics time series and its statistics), ``steps`` (named steps).
Edges: ``api`` (HTTP), ``gitedge`` (git), ``content`` (post files and pictures). The run:
``settings``, ``run`` (one run), ``attempt`` (one publication), ``reconcile`` (unfinished
ones), ``register`` (``weibo-lint record``), ``metrics`` (``weibo-lint metrics``).

Exactly once
============

Each post has one record file, ``published/<account>/<post>.json``. A publication is:

1. write an ``intent`` record (the exact text and its sha256, a nonce, the attempt
   number, who is running, the time) → commit → **push**. The push is the lock: it must
   fast-forward the remote from a tree where the record was as we read it. If another run
   pushed a record for the post first, we skip it. If the push cannot be made, the API
   is **not** called;
2. call the API;
3. write ``published`` (id, mid, URL, Weibo's ``created_at``) or ``failed`` (Weibo's code
   and message) → commit → push. A refusal that certainly changed nothing on Weibo (rate
   limits, auth) *releases* the claim instead: the record is deleted, the post waits.

So an intent on the remote without an outcome means "the API may have been called". A
run begins by finishing what a killed run left (files written but not committed, commits
not pushed: outcomes are carried over, intents that were never pushed are dropped since
the API comes only after the push), then **reconciles** every intent before sending
anything: it reads the account's 5 newest posts (``statuses/user_timeline``, all Weibo
shows) and

* finds our exact text created after the intent → ``published`` with that id;
* does not find it, and those posts reach back past the intent, so nothing of ours can be
  hidden → the attempt never went out: release, and publish it again as attempt + 1;
* does not find it, and cannot see that far back → ``failed``, *needing a human*. The
  publisher never re-sends on hope.

A repeated-content answer (20017/20019/20111) counts as "it was ours" only if the
timeline shows our text since the intent; otherwise the post is failed, needing a human.
An intent is reconciled only once its run is known dead (same host, no such process, and
``publish.settle`` has passed so Weibo is done with the request) or ``publish.intent_grace``
has passed (a run elsewhere; a GitHub Actions ``concurrency`` group avoids even that wait).

What each fault does:

=================================== ==================================================
kill -9 before the intent commit     the record is dropped at the next run: never sent
kill -9 before the intent push       the commit is dropped at the next run: never sent
kill -9 after the push, before/after
  the API call, before the outcome   the next run reconciles against the timeline
kill -9 before the outcome commit or
  push                               the next run commits/pushes the outcome it finds
answer lost after Weibo accepted     the same run reads the timeline (with backoff) and
  (dropped connection, timeout,        records the post; if Weibo is slow, the next run
  5xx, garbage)                        does; the account stops for this run meanwhile
rate limit (10022-10024, 20016)      claim released; the account stops for this run
expired/invalid token (213xx)        claim released; the account stops, naming its
                                       ``token_env``; other accounts go on
permanent refusal                    ``failed`` with code and message; retried only
                                       after the post file changes
two runs at once                     the second push of a claim is rejected; the loser
                                       sees the remote's record and skips the post
main moved (writers merged)          fetch, replay the record on the new head, push
                                       again; records are one file per post, so no
                                       conflict; a post changed meanwhile is released
push keeps failing                   exit 1; local commits are finished by the next run
=================================== ==================================================

The token is read from the account's ``token_env`` and sent only in the
``Authorization`` header; it is never logged, printed, committed or put in a URL.

``WEIBO_LINT_CRASH_AT=<step>`` kills the process at a step (see ``steps``): a test-only
hook for the fault-injection suite.
"""
