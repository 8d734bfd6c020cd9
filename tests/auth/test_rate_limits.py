"""Rate limits per account as well as per address, and on every password check."""
from tests.conftest import PASSWORD
from tests.helpers import text_of


def from_address(client, number: int) -> dict:
    return {"environ_base": {"REMOTE_ADDR": f"10.0.{number // 250}.{number % 250 + 1}"}}


def test_password_guesses_at_one_account_from_many_addresses_are_limited(client, learner,
                                                                         course):
    statuses = [client.post("/login", data={"email": "Learner@example.org ",
                                            "password": f"guess {n}"},
                            **from_address(client, n)).status_code for n in range(11)]
    assert statuses == [400] * 10 + [429]
    other = client.post("/login", data={"email": "someone@example.org", "password": "guess"},
                        **from_address(client, 99))
    assert other.status_code == 400  # other accounts are unaffected


def test_reset_and_signup_mail_to_one_address_is_limited(client, learner, course):
    for url, data in [("/reset", {"email": "learner@example.org"}),
                      ("/signup", {"email": "new@example.org", "name": "N"})]:
        statuses = [client.post(url, data=data, **from_address(client, n)).status_code
                    for n in range(11)]
        assert statuses[-1] == 429 and 429 not in statuses[:10], url


def test_the_password_check_before_deleting_an_account_is_limited(client, auth, learner, course):
    auth.login()
    statuses = [client.post("/profile/delete", data={"password": f"guess {n}"},
                            **from_address(client, n)).status_code for n in range(11)]
    assert statuses == [400] * 10 + [429]
    assert "Too many attempts" in text_of(client.post("/profile/delete",
                                                      data={"password": PASSWORD}))
    assert client.get("/my-learning").status_code == 200  # not deleted


def test_guesses_from_elsewhere_do_not_lock_the_owner_out_of_a_browser_they_used_before(
        app, client, auth, learner, course):
    """N2: spending the account's guesses must not stop its owner logging in where they did
    before; guesses from a browser the account never used are still stopped."""
    assert auth.login(**from_address(client, 200)).status_code == 302
    auth.logout()
    attacker = app.test_client()
    statuses = [attacker.post("/login", data={"email": "learner@example.org",
                                              "password": f"guess {n}"},
                              **from_address(attacker, n)).status_code for n in range(11)]
    assert statuses == [400] * 10 + [429]
    right_password_elsewhere = attacker.post("/login", data={"email": "learner@example.org",
                                                             "password": PASSWORD},
                                             **from_address(attacker, 50))
    assert right_password_elsewhere.status_code == 429  # a new browser is still held back
    owner = auth.login(**from_address(client, 201))
    assert owner.status_code == 302
    assert client.get("/my-learning").status_code == 200


def test_right_passwords_are_not_counted_against_the_account(app, client, auth, learner,
                                                             course):
    """N2: only wrong guesses use up the account's budget, not its owner's log-ins."""
    for n in range(12):
        browser = app.test_client()
        response = browser.post("/login", data={"email": "learner@example.org",
                                                "password": PASSWORD},
                                **from_address(browser, n))
        assert response.status_code == 302, n


def test_spending_an_accounts_reset_mails_does_not_stop_its_owners_browser(
        app, client, auth, learner, course):
    """N2: the same targeted block on "Forgot your password?" mails."""
    assert auth.login(**from_address(client, 200)).status_code == 302
    auth.logout()
    attacker = app.test_client()
    statuses = [attacker.post("/reset", data={"email": "learner@example.org"},
                              **from_address(attacker, n)).status_code for n in range(11)]
    assert statuses == [200] * 10 + [429]
    owner = client.post("/reset", data={"email": "learner@example.org"},
                        **from_address(client, 201))
    assert owner.status_code == 200
    assert "If there is an account for learner@example.org" in text_of(owner)
