"""Benchmark: one certificate through the whole render task vs WeasyPrint alone (run on demand).

    .venv/bin/python bench/certificates.py [--renders 500] [--storage filesystem s3]

For each file store (the instance folder; an S3 bucket on a SeaweedFS server started here on
127.0.0.1, as the tests start it), prints the median time per certificate through
render_certificate (load the record, build the HTML and QR code, WeasyPrint, store the PDF,
SHA-256, mark ready, email to the outbox) next to
WeasyPrint alone making the same PDF (the same HTML, stylesheet, metadata and tagged-PDF
variant, and a credential of the same size attached) in the same process with the shared
FontConfiguration (the floor), rendered alternately (A B A B) with the median of the pairwise
ratios, the task's own work (the median of task - floor over the pairs), and the process's
resident memory after 1, 100 and 500 task renders.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lms import create_app  # noqa: E402
from lms.auth.models import User  # noqa: E402
from lms.certificates.credential import build_credential  # noqa: E402
from lms.certificates.facts import CertificateFacts  # noqa: E402
from lms.certificates.models import Certificate  # noqa: E402
from lms.certificates.pdf import certificate_html, pdf_options  # noqa: E402
from lms.certificates.services import issue_certificate  # noqa: E402
from lms.certificates.tasks import render_certificate  # noqa: E402
from lms.config import PROJECT_ROOT  # noqa: E402
from lms.content.importer import import_course  # noqa: E402
from lms.content.loader import load_course  # noqa: E402
from lms.extensions import db  # noqa: E402
from lms.pdf import render_pdf  # noqa: E402

CHECKPOINTS = (1, 100, 500)


def resident_mib() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def make_certificates(count: int) -> list[int]:
    course, _ = import_course(load_course(PROJECT_ROOT / "modules" / "restraint-and-seclusion"))
    ids = []
    for number in range(count):
        user = User(
            email=f"learner{number}@example.org",
            name=f"Learner Number {number}",
            password_hash="x",  # noqa: S106 - never used to log in
            session_token=f"t{number}",
        )
        db.session.add(user)
        db.session.flush()
        ids.append(issue_certificate(user.id, course, datetime.now(UTC)).id)
    db.session.info.clear()  # nothing is queued: the benchmark calls the task itself
    db.session.commit()
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=500)
    parser.add_argument("--storage", nargs="+", choices=["filesystem", "s3"],
                        default=["filesystem", "s3"])
    args = parser.parse_args()
    print(f"Fonts subset by: {font_subsetter()}", flush=True)
    for storage in args.storage:
        print(f"\n### Files in: {storage}\n", flush=True)
        if storage == "s3":
            with bucket() as settings:
                measure(args.renders, settings)
        else:
            measure(args.renders, {})


def font_subsetter() -> str:
    """Which library WeasyPrint subsets fonts with: most of a render's cost depends on it."""
    from weasyprint.text.ffi import harfbuzz_subset  # noqa: PLC0415

    if harfbuzz_subset is not None:
        return "HarfBuzz-Subset"
    return "fontTools (install libharfbuzz-subset0: renders take several times longer)"


@contextmanager
def bucket():
    """A SeaweedFS server on loopback with one bucket, stopped afterwards."""
    from tests.s3server import ACCESS_KEY, SECRET_KEY, SeaweedFS  # noqa: PLC0415

    folder = Path(tempfile.mkdtemp(prefix="lms-bench-s3-"))
    server = SeaweedFS(folder)
    try:
        os.environ.update(AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY)
        yield server.settings(server.make_bucket("bench-certificates"))
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def measure(renders: int, storage: dict) -> None:
    instance = tempfile.mkdtemp(prefix="lms-bench-")
    os.environ["LMS_INSTANCE_PATH"] = instance
    app = create_app({"CELERY": {"broker_url": "memory://", "task_ignore_result": True},
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance}/bench.sqlite3",
                      **storage})
    app.logger.setLevel(
        "WARNING"
    )  # one "email written" log line per render would drown the figures
    with app.app_context():
        db.create_all()
        ids = make_certificates(renders)
        first = db.session.get(Certificate, ids[0])
        sample = CertificateFacts.of(first)
        # The same PDF as the task makes: its stylesheet, metadata and variant, and a credential
        # of the same size attached (signed here; the task signs and keeps its own).
        html = certificate_html(sample)
        holder = db.session.get(User, first.user_id)
        options = pdf_options(sample, build_credential(sample, holder.email))
        db.session.rollback()

        def floor_render() -> float:
            start = time.perf_counter()
            render_pdf(html, **options)
            return time.perf_counter() - start

        floor_render()  # warm up: fonts load on the first render
        # A B A B: each task render beside a floor render, so machine noise hits both alike.
        floor, task, ratios, memory = [], [], [], {}  # seconds; ratios task / floor
        for number, certificate_id in enumerate(ids, start=1):
            floor.append(floor_render())
            start = time.perf_counter()
            assert render_certificate.run(certificate_id) is True
            task.append(time.perf_counter() - start)
            ratios.append(task[-1] / floor[-1])
            if number in CHECKPOINTS:
                memory[number] = resident_mib()

    floor_ms = statistics.median(floor) * 1000
    task_ms = statistics.median(task) * 1000
    print(f"WeasyPrint alone (floor), median of {len(floor)}: {floor_ms:6.1f} ms")
    own_ms = statistics.median(t - f for t, f in zip(task, floor, strict=True)) * 1000
    print(
        f"render_certificate task, median of {len(task)}:   {task_ms:6.1f} ms "
        f"(median ratio to the floor beside it {statistics.median(ratios):.2f}x; "
        "target <= 1.3x)"
    )
    print(f"The task's own work (task - floor, median of the pairs): {own_ms:6.1f} ms")
    print(
        "Resident memory after N task renders: "
        + ", ".join(f"{n}: {mib:.0f} MiB" for n, mib in memory.items())
    )
    shutil.rmtree(instance)


if __name__ == "__main__":
    main()
