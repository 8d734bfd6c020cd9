"""The Flask class the platform runs on (lms/application.py) answers Flask's sync check as
Flask would."""
import functools

import pytest


def plain():
    return "plain"


async def coroutine():
    return "coroutine"


def test_plain_functions_are_served_as_they_are(app):
    assert app.ensure_sync(plain) is plain
    partial = functools.partial(plain)
    assert app.ensure_sync(partial) is partial


def test_async_functions_are_still_handed_to_flask(app):
    # Flask runs an async view through asgiref, or says how to install it: either way, not as-is.
    try:
        wrapped = app.ensure_sync(coroutine)
    except RuntimeError as refused:
        assert "async" in str(refused)
    else:
        assert wrapped is not coroutine and wrapped() == "coroutine"


@pytest.mark.parametrize("make", [functools.partial, lambda f: f.__get__(object())])
def test_wrapped_async_functions_are_still_handed_to_flask(app, make):
    wrapped_async = make(coroutine)
    try:
        assert app.ensure_sync(wrapped_async) is not wrapped_async
    except RuntimeError as refused:
        assert "async" in str(refused)
