"""The index in the cache folder: every post's summary and every record, kept up to date cheaply.

A file's row (stored by cache.py) is taken as it is, without reading the file, when

* its stat facts are those the row holds and older than the scan that took them (git's
  "racy clean" rule), or
* in a ``--changed-since`` run, git vouches for it: git reports no change to its path in the
  working tree (uncommitted, untracked or ignored), and the row's bytes are HEAD's blob:
  known from the row's ``clean`` flag (its bytes are what the index's commit holds) and the
  commits since, or, when git no longer has that commit (a shallow CI checkout with a
  restored cache), from HEAD's blob ids (``git ls-tree``). Then not even a stat is needed.

Anything else is read and hashed, and a post whose bytes changed is checked again (phase
one). The collection rules then query the rows they need (``views``): a warm run over
50,000 posts asks git what changed and decodes a few hundred rows. Both ways give what a
full walk gives: the equality tests prove it.

The modules: ``entries`` (what a row holds), ``scan`` (walking the folders as a full run
does), ``witness`` (what git vouches for), ``posts`` (the posts' rows, phase one included),
``records`` (the publication records, as ``records.read_records`` reads them) and
``views`` (the collection's posts and publications, read on demand).
"""
