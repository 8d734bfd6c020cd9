"""Proven across hosts (issue 22, item 4): two web hosts behind HAProxy and worker hosts, each in
a network namespace of its own with an empty instance folder, sharing only PostgreSQL, Redis and
the bucket (conftest.py). The cases run in order on one cluster; the last two kill hosts."""
import hashlib
import re
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from email import message_from_bytes

from sqlalchemy import select

from lms.auth.models import Role
from lms.certificates.models import Certificate, CertificateStatus
from lms.extensions import db
from tests.authoring.helpers import edit_lesson
from tests.certificates.helpers import finish_course
from tests.cluster.conftest import wait_until
from tests.conftest import PASSWORD
from tests.factories import make_user

PROPAGATION_SECONDS = 2.0  # a publish reaches every process within PUBLISHED_CHECK_SECONDS (1 s)
LOAD_LEARNERS = 8


def learners_one_step_short(cluster, count: int, tag: str) -> list[tuple[int, str]]:
    """Learners who have done everything but the last lesson (set up by the test itself)."""
    made = []
    for n in range(count):
        email = f"{tag}-{n}-{uuid.uuid4().hex[:6]}@example.org"
        with cluster.admin.app_context():
            user_id = make_user(email, f"Learner {tag.title()} {n}", PASSWORD).id
        client = cluster.admin.test_client()
        client.post("/login", data={"email": email, "password": PASSWORD})
        finish_course(cluster.admin, client, leave="later")
        made.append((user_id, email))
    return made


def certificates_of(cluster, user_ids) -> list[Certificate]:
    with cluster.admin.app_context():
        rows = list(db.session.scalars(
            select(Certificate).where(Certificate.user_id.in_(user_ids))))
        db.session.expunge_all()
    return rows


def all_ready(cluster, user_ids):
    rows = certificates_of(cluster, user_ids)
    ready = [c for c in rows if c.status is CertificateStatus.READY]
    return rows if len(ready) == len(rows) == len(user_ids) else None


def stored_pdf(cluster, certificate) -> bytes:
    return cluster.s3.client().get_object(
        Bucket=cluster.bucket, Key=f"certificates/{certificate.storage_key}")["Body"].read()


def stored_keys(cluster) -> list[str]:
    listed = cluster.s3.client().list_objects_v2(Bucket=cluster.bucket, Prefix="certificates/")
    return [item["Key"] for item in listed.get("Contents", [])]


def ready_emails(cluster) -> list[str]:
    """Recipients of "Your certificate is ready", from every worker host's own outbox."""
    found = []
    for host in ("work1", "work2"):
        for path in (cluster.instance(host) / "outbox").glob("*.eml"):
            data = path.read_bytes()
            if b"Your certificate is ready" in data:
                found.append(message_from_bytes(data)["To"])
    return found


def assert_rendered_once(cluster, people) -> None:
    """One certificate per learner, ready, its PDF in the bucket once, whole, with the recorded
    hash, and one "ready" email each (the one run that made it ready sends it)."""
    rows = certificates_of(cluster, [user_id for user_id, _ in people])
    assert sorted(c.user_id for c in rows) == sorted(user_id for user_id, _ in people)
    keys = stored_keys(cluster)
    for certificate in rows:
        assert certificate.status is CertificateStatus.READY
        assert keys.count(f"certificates/{certificate.storage_key}") == 1
        pdf = stored_pdf(cluster, certificate)
        assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
        assert hashlib.sha256(pdf).hexdigest() == certificate.sha256
    emails = [email for _, email in people]
    wait_until(lambda: all(email in ready_emails(cluster) for email in emails), 15,
               "the ready emails")
    time.sleep(0.5)  # a duplicate would come within the same moment
    sent = [email for email in ready_emails(cluster) if email in emails]
    assert sorted(sent) == sorted(emails), sent


def test_a_publish_on_one_web_host_is_what_the_other_serves(cluster, report):
    new_words = f"Published on web host 1, {uuid.uuid4().hex[:8]}."
    visitor = cluster.browser("web2")
    before = visitor.get("/courses/mini/lessons/second-lesson")
    assert before.status == 200 and new_words not in before.text
    with cluster.admin.app_context():
        make_user("trainer@example.org", "Tia Trainer", PASSWORD, Role.TRAINER,
                  staff_of=[cluster.course_id])
    drafting = cluster.admin.test_client()  # the draft itself, written by the test
    drafting.post("/login", data={"email": "trainer@example.org", "password": PASSWORD})
    assert edit_lesson(drafting, "second-lesson", 0, body=new_words + "\n").status_code == 302
    trainer = cluster.browser("web1")
    trainer.log_in("trainer@example.org", PASSWORD)
    form = trainer.get("/manage/mini/publish")
    version = re.search(r'name="version" type="hidden" value="(\d+)"', form.text)[1]
    assert trainer.post("/manage/mini/publish", {"version": version}).status == 302
    published_at = time.monotonic()
    requests = 0

    def served():
        nonlocal requests
        requests += 1
        return new_words in visitor.get("/courses/mini/lessons/second-lesson").text

    wait_until(served, PROPAGATION_SECONDS, "web host 2 to serve the published lesson",
               interval=0.05)
    seconds = time.monotonic() - published_at
    report(f"publish on web1: web2 served the new text at request {requests} after it, "
           f"{seconds:.2f} s later")


def test_a_certificate_earned_on_web1_renders_on_the_worker_and_downloads_through_web2(
        cluster, report):
    [(user_id, email)] = learners_one_step_short(cluster, 1, "earner")
    on_web1 = cluster.browser("web1")
    on_web1.log_in(email, PASSWORD)
    on_web1.get("/courses/mini/lessons/later")
    finished_at = time.monotonic()
    assert on_web1.post("/courses/mini/lessons/later/complete").status == 302
    [certificate] = wait_until(lambda: all_ready(cluster, [user_id]), 60, "the certificate")
    rendered = time.monotonic() - finished_at
    on_web2 = on_web1.at(cluster.network.addresses["web2"], on_web1.port)
    answer = on_web2.get(f"/certificates/{certificate.id}/pdf")
    assert answer.status == 302 and "X-Amz-Signature=" in answer.location
    with urllib.request.urlopen(answer.location, timeout=10) as link:  # noqa: S310
        pdf = link.read()
        disposition = link.headers["Content-Disposition"]
    assert pdf.startswith(b"%PDF-") and hashlib.sha256(pdf).hexdigest() == certificate.sha256
    assert disposition.startswith("attachment;")
    assert ready_emails(cluster).count(email) == 1
    assert "render_certificate" in cluster.logs("work1-worker")
    report(f"completed on web1; rendered on work1 and ready {rendered:.1f} s later; "
           f"downloaded through web2 by a signed link ({len(pdf)} bytes, SHA-256 matches)")


def test_log_out_everywhere_on_one_host_ends_the_sessions_on_both(cluster, report):
    [(_, email)] = learners_one_step_short(cluster, 1, "leaver")
    phone, laptop = cluster.browser("web1"), cluster.browser("web2")
    phone.log_in(email, PASSWORD)
    laptop.log_in(email, PASSWORD)
    assert phone.get("/profile").status == laptop.get("/profile").status == 200
    assert phone.post("/profile/log-out-everywhere").status == 302  # on web1
    after = {
        "laptop on web2": laptop.get("/profile").status,
        "laptop on web1": laptop.at(cluster.network.addresses["web1"], laptop.port)
        .get("/profile").status,
        "phone on web2": phone.at(cluster.network.addresses["web2"], phone.port)
        .get("/profile").status,
    }
    assert set(after.values()) == {302}, after  # to the log-in page
    report(f"log out everywhere on web1: /profile afterwards {after}")


def test_a_rate_limit_counts_across_both_web_hosts(cluster, report):
    """VERIFY_RATE_LIMIT is 6 per minute per address here; the balancer alternates hosts."""
    balancer = cluster.balancer()
    answers = [(page.status, page.served_by)
               for page in (balancer.get("/verify") for _ in range(8))]
    assert [status for status, _ in answers] == [200] * 6 + [429] * 2, answers
    assert {host for _, host in answers[:6]} == {"web1", "web2"}
    report(f"rate limit 6/min through the balancer: {answers}")


def test_killing_the_worker_mid_render_leaves_the_certificate_to_a_second_worker(
        cluster, report):
    people = learners_one_step_short(cluster, 1, "render")
    [(user_id, email)] = people
    learner = cluster.browser("web2")
    learner.log_in(email, PASSWORD)
    learner.get("/courses/mini/lessons/later")
    assert learner.post("/courses/mini/lessons/later/complete").status == 302

    def rendering():
        """work1 to be inside the render: the credential is signed and stored just before
        WeasyPrint starts, the PDF stored and the row made ready after it"""
        rows = certificates_of(cluster, [user_id])
        return rows if rows and rows[0].credential else None

    [certificate] = wait_until(rendering, 30, "work1 to start the render", interval=0.01)
    mid_render = certificate.status is not CertificateStatus.READY
    cluster.kill("work1-worker")
    killed_at = time.monotonic()
    cluster.start_worker("work2")
    cluster.wait_for_worker("work2-worker")
    wait_until(lambda: all_ready(cluster, [user_id]), 90, "the second worker's render")
    recovered = time.monotonic() - killed_at
    assert mid_render, "the render was over before the kill: nothing was tested"
    assert_rendered_once(cluster, people)
    rendered_by = [host for host in ("work1", "work2")
                   if any(email in path.read_text(errors="replace") for path in
                          (cluster.instance(host) / "outbox").glob("*.eml"))]
    assert rendered_by == ["work2"]  # the run that made it ready sends the email
    report(f"kill -9 of work1 mid-render (certificate {certificate.status.value} at the kill): "
           f"ready on work2 {recovered:.1f} s later; 1 PDF in the bucket, hash matches, "
           f"1 ready email")


def test_killing_web1_under_load_moves_traffic_to_web2(cluster, report):
    people = learners_one_step_short(cluster, LOAD_LEARNERS, "load")
    balancer = cluster.balancer()
    browsers = []
    for _, email in people:
        browser = balancer.at("127.0.0.1", balancer.port)
        browser.cookies = {}
        browser.log_in(email, PASSWORD)
        browsers.append(browser)
    log, refusals, stop, lock = [], [], threading.Event(), threading.Lock()
    done = []

    def note(kind: str, status, served_by, page=None) -> None:
        with lock:
            log.append((time.monotonic(), kind, status, served_by))
            if page is not None and status not in (200, 302):
                refusals.append(f"{kind} {status} from {served_by}: "
                                f"{' '.join(re.sub(r'<[^>]+>', ' ', page.text).split())[:600]}")

    def read() -> None:
        reader = cluster.balancer()
        deadline = time.monotonic() + 60
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                page = reader.get("/courses/mini/lessons/first-lesson", timeout=10)
                note("read", page.status, page.served_by, page)
            except OSError as error:
                note("read", type(error).__name__, None)
            time.sleep(0.05)

    def complete(browser) -> int:
        """The learner presses "Mark as complete" until the site says it is done (at most 15
        tries): what a person does when a page fails."""
        for attempt in range(1, 16):
            try:
                lesson = browser.get("/courses/mini/lessons/later", timeout=10)
                note("lesson", lesson.status, lesson.served_by, lesson)
                if lesson.status != 200:  # no page, no form to send: a person reloads
                    time.sleep(0.3)
                    continue
                page = browser.post("/courses/mini/lessons/later/complete", timeout=10)
                note("complete", page.status, page.served_by, page)
                if page.status == 302:
                    with lock:
                        done.append(browser)
                    return attempt
            except OSError as error:
                note("complete", type(error).__name__, None)
            time.sleep(0.3)
        raise AssertionError("a completion never went through")

    readers = [threading.Thread(target=read, daemon=True) for _ in range(2)]
    for thread in readers:
        thread.start()
    with ThreadPoolExecutor(4) as pool:
        futures = []
        for browser in browsers:
            futures.append(pool.submit(complete, browser))
            time.sleep(0.15)  # arrivals spread over about a second
            if len(futures) == 3:
                wait_until(lambda: len(done) >= 2, 30, "the first completions")
                cluster.kill("web1")
                killed_at = time.monotonic()
        attempts = [future.result(timeout=90) for future in futures]
    time.sleep(max(1.0, killed_at + 3.0 - time.monotonic()))  # load on web2 alone, a while
    stop.set()
    for thread in readers:
        thread.join(15)
    after = [entry for entry in log if entry[0] > killed_at + 1.5]
    failed = [entry for entry in log if entry[2] not in (200, 302)]
    print("\n".join(refusals))
    assert after and {entry[3] for entry in after if entry[2] in (200, 302)} == {"web2"}
    rows = wait_until(lambda: all_ready(cluster, [user_id for user_id, _ in people]), 90,
                      "every certificate of the load")
    assert len(rows) == LOAD_LEARNERS
    assert_rendered_once(cluster, people)
    by_host = {host: sum(1 for entry in log if entry[1:] == ("complete", 302, host))
               for host in ("web1", "web2")}
    report(f"kill -9 of web1 under load: {len(log)} requests ({len(after)} after the kill, all "
           f"served by web2); {len(failed)} failed at the kill "
           f"({sorted(f'{entry[1]} {entry[2]}' for entry in failed)}), pressed again; completions "
           f"{len(done)}/{LOAD_LEARNERS} ({by_host['web1']} on web1 before the kill, "
           f"{by_host['web2']} on web2), tries each {attempts}; {len(rows)} certificates, "
           f"1 each, all ready, 1 PDF and 1 email each")


def test_no_host_wrote_a_key_or_a_stored_file_of_its_own(cluster, report):
    """Every host started with an empty instance folder; what is in it now is nothing another
    host would need: no secret key, no signing key, no certificate, no queue."""
    held = {host: sorted(path.name for path in cluster.instance(host).iterdir())
            for host in ("web1", "web2", "work1", "work2")}
    for names in held.values():
        assert not {"secret_key", "signing-keys", "certificates", "handouts", "images",
                    "broker"} & set(names), held
    report(f"instance folders at the end: {held}")
