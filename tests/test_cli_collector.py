"""Commands run with the cyclic garbage collector off (a short process frees its heap at
exit), and give it back to an in-process caller as they found it."""
from __future__ import annotations

import gc
import subprocess
import sys

from click.testing import CliRunner

from weibo_lint.cli import cli


def test_a_command_runs_without_the_collector_and_restores_it(monkeypatch):
    seen = []
    import weibo_lint.counting

    real = weibo_lint.counting.weibo_length
    monkeypatch.setattr(weibo_lint.counting, "weibo_length", lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    assert gc.isenabled()
    result = CliRunner().invoke(cli, ["count", "今天上新"])
    assert result.exit_code == 0 and result.output.strip() == "4"
    assert seen == [False]
    assert gc.isenabled()


def test_the_caller_s_choice_is_kept():
    gc.disable()
    try:
        CliRunner().invoke(cli, ["count", "abc"])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_listing_the_commands_for_help_leaves_the_collector_alone():
    assert gc.isenabled()
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0 and "check" in result.output
    assert gc.isenabled()


def test_the_program_freezes_what_is_left_for_its_exit():
    # The process's last collection walks no object (about 5% of a warm check's time): main()
    # freezes them once the command is done, its output written and its code kept.
    code = ("import atexit, gc, sys\n"
            "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, file=sys.stderr))\n"
            "from weibo_lint.cli import main\nmain()\n")
    done = subprocess.run([sys.executable, "-c", code, "count", "今天上新"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert (done.returncode, done.stdout.strip(), done.stderr.strip()) == (0, "4", "frozen True")
    failed = subprocess.run([sys.executable, "-c", code, "count", "--no-such-option"], capture_output=True,
                            text=True, timeout=60, check=False)
    assert failed.returncode == 2 and failed.stderr.strip().endswith("frozen True")
