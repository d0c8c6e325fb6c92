from weibo_lint.cli import main

main()
