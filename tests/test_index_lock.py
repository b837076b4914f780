"""A rebuild killed with SIGKILL leaves neither its forked helper nor a held index lock behind."""
import os
import signal
import subprocess
import sys

from indexer.search import index_files
from tests.process_support import ROOT, gone_within, python, running

#: Holds the index lock with a forked helper waiting for work, as a rebuild does, until killed.
REBUILDING = """
import sys, time
from pathlib import Path
from indexer.search import index_files, parallel

def work(documents):
    return sum(1 for _ in documents)

with index_files.exclusive(Path(sys.argv[1])):
    helper = parallel.SecondProcess(work)
    print(helper._process.pid, flush=True)
    time.sleep(600)
"""
TAKE_LOCK = "import sys; from pathlib import Path; from indexer.search import index_files\n" \
            "with index_files.exclusive(Path(sys.argv[1])): print('locked')"


def test_a_killed_rebuild_takes_its_helper_with_it_and_the_next_one_gets_the_lock(tmp_path):
    rebuild = python(REBUILDING, str(tmp_path))
    helper = int(rebuild.stdout.readline())
    try:
        assert running(helper) and index_files.lock_holder(tmp_path) == rebuild.pid
        os.kill(rebuild.pid, signal.SIGKILL)
        rebuild.wait(10)
        assert gone_within(helper, 5), "the forked helper outlived its killed parent"
    finally:
        for pid in (rebuild.pid, helper):
            if running(pid):
                os.kill(pid, signal.SIGKILL)
    following = subprocess.run([sys.executable, "-c", TAKE_LOCK, str(tmp_path)], cwd=ROOT,
                               capture_output=True, text=True, timeout=20)
    assert following.stdout.strip() == "locked"


def test_the_helper_gives_up_when_its_parent_is_gone_before_the_kernel_could_tell_it(tmp_path):
    orphan = python("import os\nfrom foundation.lifeline import die_with_parent\n"
                    "die_with_parent(os.getppid() + 1)\nprint('still here', flush=True)")
    assert orphan.stdout.read() == "" and orphan.wait(10) == 1


def test_threads_of_one_process_take_the_index_lock_in_turn(tmp_path):
    import threading
    inside, overlaps = [], []

    def hold():
        with index_files.exclusive(tmp_path):
            inside.append(1)
            overlaps.append(len(inside))
            threading.Event().wait(0.05)
            inside.pop()
    threads = [threading.Thread(target=hold) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert overlaps == [1, 1, 1, 1]
