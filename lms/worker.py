"""`python -m lms.worker [celery worker options]`: the Celery worker, started again if it is killed.

The Procfile runs this rather than `celery worker` itself. Honcho (`make run`) stops every
process when one dies, so a killed worker used to take the whole site down with it; and on the
filesystem broker the worker runs as one process (celery_app.py says why), so the kernel's OOM
killer or a stray `kill -9` must not leave renders waiting for a person to restart it. A render
held by the killed worker is lost with it on that broker; the sweep queues it again.
"""
import logging
import signal
import subprocess
import sys
import time

log = logging.getLogger("lms.worker")
RESTART_PAUSE = 1.0  # seconds: a worker that keeps dying at start does not spin a CPU


def main(options: list[str]) -> int:
    command = [sys.executable, "-m", "celery", "-A", "celery_worker", "worker", *options]
    state = {"stopping": False, "child": None}

    def stop(signum, _frame):
        state["stopping"] = True
        if state["child"] is not None:
            state["child"].send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        state["child"] = subprocess.Popen(command)  # noqa: S603 (our own interpreter and args)
        code = state["child"].wait()
        # A worker that exits by itself (shutdown, a configuration error) stays stopped; only a
        # death by signal that we did not ask for is a fault to recover from.
        if state["stopping"] or code >= 0:
            return code if code >= 0 else 0
        log.warning("The Celery worker was killed by signal %d; starting it again", -code)
        time.sleep(RESTART_PAUSE)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO,
                        format="[%(asctime)s: %(levelname)s/%(name)s] %(message)s")
    sys.exit(main(sys.argv[1:]))
