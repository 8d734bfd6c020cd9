"""Issuing: once, on completion, in the completing transaction, with the name as confirmed."""
import threading

from sqlalchemy import func, select

from lms.auth.models import User
from lms.catalogue.published import published_snapshot
from lms.certificates.models import Certificate, CertificateStatus
from lms.certificates.services import issue_certificate
from lms.courses.models import Course
from lms.extensions import db
from lms.models_base import utcnow
from lms.progress.models import Enrolment, LessonCompletion
from lms.progress.services import complete_course_if_done
from lms.queue import queued_work
from tests.certificates.helpers import certificates, finish_course
from tests.helpers import lesson_id, only_course_id, quiz_answers, text_of


def test_completing_the_course_issues_one_pending_certificate(app, client, auth, course, learner):
    auth.login()
    client.post("/profile", data={"name": "Lee Learner", "certificate_name": "Dr Lee A. Learner"})
    finish_course(app, client)
    [certificate] = certificates(app)
    assert certificate.status is CertificateStatus.PENDING
    assert certificate.printed_name == "Dr Lee A. Learner"
    assert (certificate.course_title, certificate.edition, certificate.organisation) == (
        "Mini Course", "1", "Test Org")
    with app.app_context():
        enrolment = db.session.scalar(select(Enrolment))
        assert certificate.completed_at == enrolment.completed_at


def test_no_certificate_before_the_course_is_complete(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client, leave="later")
    assert certificates(app) == []
    page = text_of(client.get("/my-certificates"))
    assert "You have no certificates yet" in page


def test_more_passes_after_completion_issue_nothing_more(app, client, auth, course, learner):
    auth.login()
    finish_course(app, client)
    client.post("/courses/mini/modules/basics/quiz", data=quiz_answers(app, "basics"))
    client.post("/courses/mini/lessons/later/complete")
    assert len(certificates(app)) == 1


def test_renaming_the_profile_never_changes_an_issued_certificate(app, client, auth, course,
                                                                  learner):
    auth.login()
    finish_course(app, client)
    client.post("/profile", data={"name": "Someone Else", "certificate_name": "Someone Else"})
    [certificate] = certificates(app)
    assert certificate.printed_name == "Lee Learner"
    page = text_of(client.get(f"/certificates/{certificate.id}"))
    assert "Lee Learner" in page and "Someone Else" not in page.split("Log out")[-1]


def test_the_render_is_queued_only_when_the_completing_transaction_commits(app, client, auth,
                                                                         course, learner):
    auth.login()
    finish_course(app, client, leave="later")
    with app.app_context():
        db.session.add(LessonCompletion(user_id=learner, lesson_id=lesson_id(app, "later")))
        db.session.flush()
        snapshot = published_snapshot(only_course_id(), recheck=True)
        assert complete_course_if_done(learner, snapshot) is not None
        [(_, (queued,))] = queued_work()
        db.session.rollback()
        assert queued_work() == []
        assert db.session.get(Certificate, queued) is None
        assert db.session.scalar(select(Enrolment.completed_at)) is None


def _now():
    return utcnow()


def test_concurrent_issues_make_exactly_one_certificate(app, course, learner):
    """Eight threads, each with its own session and connection, race to issue."""
    barrier = threading.Barrier(8)
    issued, errors = [], []

    def issue():
        with app.app_context():
            try:
                course_row = db.session.get(Course, course)
                db.session.commit()  # hold no transaction while waiting, as a request would not
                barrier.wait(timeout=10)
                certificate = issue_certificate(learner, course_row, _now())
                db.session.commit()
                issued.append(certificate.code)
            except Exception as error:  # reported below, so a failure names its cause
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=issue) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(certificates(app)) == 1
    assert set(issued) == {certificates(app)[0].code}


def test_double_submitting_the_final_quiz_makes_exactly_one_certificate(app, course, learner):
    """A double click on the last "Submit": parallel requests through the real endpoint."""
    clients = [app.test_client() for _ in range(6)]
    for each in clients:
        each.post("/login", data={"email": "learner@example.org",
                                  "password": "correct horse battery"})
    finish_course(app, clients[0], leave="next-steps")
    answers = quiz_answers(app, "next-steps")
    barrier = threading.Barrier(len(clients))
    statuses = []

    def submit(each):
        barrier.wait()
        statuses.append(each.post("/courses/mini/modules/next-steps/quiz",
                                  data=answers).status_code)

    threads = [threading.Thread(target=submit, args=(each,)) for each in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * len(clients)
    issued = certificates(app)
    assert len(issued) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count(Enrolment.id)).where(
            Enrolment.completed_at.is_not(None))) == 1
        assert db.session.get(User, learner).printed_name == issued[0].printed_name
