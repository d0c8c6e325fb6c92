

def test_a_huge_line_is_shown_as_a_window_around_the_caret():
    from weibo_lint.problem import Level, Problem
    from weibo_lint.reporters.text import MAX_SHOWN, format_text

    line = "中" * 5000 + "最好" + "文" * 5000
    problem = Problem("posts/a.md", 3, 5001, "WB501", "absolute-term", Level.ERROR, "absolute term 最好")
    out = format_text([problem], source_line=lambda path, number: line, color=False).splitlines()
    shown, caret = out[1], out[2]
    assert len(shown) < MAX_SHOWN + 10 and shown.strip().startswith("…") and shown.endswith("…")
    # The caret stands under 最: display columns count CJK as 2.
    from weibo_lint.reporters.text import display_width
    assert display_width(shown[:shown.index("最好")]) == len(caret) - 1
