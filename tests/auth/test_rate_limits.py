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
