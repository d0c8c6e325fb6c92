"""``weibo-lint sandbox``: the emulator from the command line, with weibo.yaml's safe domains."""
from __future__ import annotations

import subprocess
import sys

import requests

from tests.publish.helpers import cli_env


def test_sandbox_command_serves_the_api(repos):
    process = subprocess.Popen([sys.executable, "-m", "weibo_lint", "sandbox", "--port", "0"], cwd=repos.work,
                               env=cli_env(None), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = process.stdout.readline().strip()
        assert base.startswith("http://127.0.0.1:") and base.endswith("/2/")
        headers = {"Authorization": "OAuth2 anything"}
        elsewhere = requests.post(base + "statuses/share.json", data={"status": "看 https://other.org/x"},
                                  headers=headers, timeout=5)
        assert elsewhere.json()["error_code"] == 10017  # weibo.yaml's safe domain is example.com
        ok = requests.post(base + "statuses/share.json", data={"status": "看 https://www.example.com/x"},
                           headers=headers, timeout=5)
        assert ok.status_code == 200 and ok.json()["idstr"]
    finally:
        process.terminate()
        process.wait(timeout=10)
