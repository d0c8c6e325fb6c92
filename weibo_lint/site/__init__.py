"""The static preview site: ``weibo-lint build``.

Pelican's shape, one way through: :mod:`~weibo_lint.site.inputs` reads the repository at the
edge (a check run, the publication records, the metrics time series, the pictures);
:mod:`~weibo_lint.site.pages` turns that into page models with no I/O (calendar, cards,
column health, metrics, charts); :mod:`~weibo_lint.site.writer` renders them with the jinja2
templates shipped in ``templates/`` (overridable from the repository's ``templates/site/``)
and writes the folder. Every link is relative, so the site works from ``file://`` and on
GitHub Pages alike.

Layout of the output::

    index.html              calendar of the coming weeks per account, every problem
    metrics.html            engagement per column over time, best hours of the week
    column/<slug>.html      a column's cadence, health and posts
    post/<path>.html        a post as a Weibo card (``<path>`` is its path under posts/)
    media/<repo path>       the pictures the posts attach
    static/site.css
"""
from __future__ import annotations
