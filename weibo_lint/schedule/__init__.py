"""Time and cadence, computed without I/O: slots, periods, horizons, free slots, duplicates.

The WB4xx rules, ``weibo-lint calendar`` and ``weibo-lint new`` all ask these modules, so
the linter, the calendar and the scaffolder agree on what a period, a gap or a free slot is.
Instants are aware datetimes; local facts (a day, a week, a slot) are read in the
configured zone, explicitly, never in the machine's.
"""
