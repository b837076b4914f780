"""Benchmarks keep running: each one, at a tiny size, prints its table."""
import subprocess
import sys


def test_index_benchmark_prints_its_table():
    result = subprocess.run([sys.executable, "-m", "benchmarks.index_build", "--size", "60",
                             "--changed", "10", "--queries", "2"],
                            capture_output=True, text=True, timeout=120, check=True)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["step", "postings", "seconds", "per", "second"]
    assert any(line.startswith("incremental sync") and line.split()[2] == "10" for line in lines)
    assert sum(line.startswith(("broad keyword", "newest first")) for line in lines) == 2
