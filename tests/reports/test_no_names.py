"""Trainers see aggregates only: no report, page or CSV, names or identifies a learner."""
from lms.auth.models import Role
from tests.reports.helpers import learners, trainer
from tests.reports.test_reports import REPORTS


def test_trainers_never_see_a_named_learner(app, client, course):
    ids = learners(app, 12)
    learners(app, 10, lessons=1, basics=[], next_steps=False, prefix="stopped")
    trainer(app, client)
    pages = ["/manage/mini/reports/",
             *(f"/manage/mini/reports/{name}{suffix}{query}" for name in REPORTS
                            for suffix in ("", ".csv") for query in ("", "?by=week"))]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data().decode()
        assert "Named Parent" not in body and "@example.org" not in body, url
        assert not any(f"/admin/people/{user_id}" in body for user_id in ids), url
    # Named individuals are for admins only.
    assert client.get(f"/admin/people/{ids[0]}").status_code == 404
    assert client.get("/admin/people?q=parent").status_code == 404


def test_learners_and_visitors_do_not_reach_reports(app, client, course, learner, auth):
    assert app.test_client().get("/manage/mini/reports/funnel").status_code == 403
    auth.login()
    for name in REPORTS:
        assert client.get(f"/manage/mini/reports/{name}").status_code == 403
        assert client.get(f"/manage/mini/reports/{name}.csv").status_code == 403


def test_admins_read_reports_too(app, client, course):
    trainer(app, client, "ada@example.org", Role.ADMIN)
    assert client.get("/manage/mini/reports/funder").status_code == 200
