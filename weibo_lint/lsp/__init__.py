"""``weibo-lint lsp``: the language server. ``server`` wires pygls to the pure modules:
``positions`` (buffer, linter text and LSP positions in UTF-8/16/32), ``spans`` (where a
finding ends), ``diagnostics``, ``actions`` (quick fixes), ``hover`` (and the count's inlay
hint and code lens), ``completion`` (front matter), ``project`` (a repository, its index and
the collection rules with the buffer laid over it: ``overlay``)."""
