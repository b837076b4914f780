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


def test_crawl_benchmark_compares_with_bare_scrapy_and_two_processes():
    result = subprocess.run([sys.executable, "-m", "benchmarks.crawl", "--size", "40", "--per-page", "10"],
                            capture_output=True, text=True, timeout=300, check=True)
    rows = {line[:34].strip(): line[34:].split() for line in result.stdout.splitlines()[1:5]}
    assert rows["bare Scrapy, JSON-LD only"][1:3] == ["45", "0"]  # 40 postings + 4 listings + robots
    assert rows["peerjobs spider + pipelines"][1:3] == ["45", "40"]
    assert rows["peerjobs, 2 sources, 2 processes"][0] == "2"
    assert rows["peerjobs, 2 sources, 2 processes"][2] == "40"
    assert "pages/s of peerjobs / bare Scrapy" in result.stdout
