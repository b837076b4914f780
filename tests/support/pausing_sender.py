"""`python -m tests.support.pausing_sender POINT[:N]`: send-alerts from the environment's settings,
stopping at the Nth arrival at POINT: it writes data_dir/paused-at-POINT and sleeps, so a test
can kill the process exactly there."""
from __future__ import annotations

import os
import sys
import time

from foundation.settings import Settings
from alerts.sending import SendOptions, send_alerts


def pausing_at(settings: Settings, target: str):
    point, _, nth = target.partition(":")
    wanted, arrivals = int(nth) if nth.isdigit() else 1, {}

    def on_step(step: str) -> None:
        arrivals[step] = arrivals.get(step, 0) + 1
        if step == point and arrivals[step] == wanted:
            (settings.data_dir / f"paused-at-{point}").write_text(str(os.getpid()))
            time.sleep(60)
    return on_step


if __name__ == "__main__":
    settings = Settings.from_env()
    print(send_alerts(settings, options=SendOptions(on_step=pausing_at(settings, sys.argv[1]))).summary())
