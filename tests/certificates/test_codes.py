"""Verification codes: random, 80 bits, grouped Crockford base32, forgiving of how people type."""
import re

from lms.certificates import codes

GROUPED = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}")


def test_a_code_is_four_groups_of_four_crockford_symbols_carrying_80_bits():
    code = codes.new_code()
    assert GROUPED.fullmatch(code)
    assert codes.LENGTH * 5 >= 80


def test_codes_are_random_not_sequential():
    many = {codes.new_code() for _ in range(2000)}
    assert len(many) == 2000
    # Every symbol of the alphabet turns up in every position: no fixed prefix or counter.
    for position in (0, 5, 18):
        assert {code[position] for code in many} == set(codes.ALPHABET)


def test_typed_codes_are_normalised():
    assert codes.normalise("7k3m q9xt-2rvd 8hcw") == "7K3M-Q9XT-2RVD-8HCW"
    assert codes.normalise("  7K3MQ9XT2RVD8HCW ") == "7K3M-Q9XT-2RVD-8HCW"
    # Crockford's look-alikes: I and L are 1, O is 0.
    assert codes.normalise("iLoO-0000-0000-0000") == "1100-0000-0000-0000"


def test_what_cannot_be_a_code_is_rejected():
    for typed in ("", "7K3M-Q9XT-2RVD", "7K3M-Q9XT-2RVD-8HCWX", "UUUU-0000-0000-0000",
                  "7K3M-Q9XT-2RVD-8HC!", "７K3M-Q9XT-2RVD-8HCW"):
        assert codes.normalise(typed) is None, typed
