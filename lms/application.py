"""The Flask class the platform runs on: Flask, with one per-request check answered cheaply."""
from inspect import CO_COROUTINE
from types import FunctionType

from flask import Flask


class Application(Flask):
    def ensure_sync(self, func):
        """Flask asks `inspect.iscoroutinefunction` of every hook and view on every request
        (17 times for a signed-in lesson page, about 3% of its CPU in-process). A plain `def`
        function is one whose code has no coroutine flag (and that no one marked as a
        coroutine function, which Python 3.12 allows): answered here from the flag; anything
        else (an `async def`, a method, a partial) goes to Flask's own check."""
        if (type(func) is FunctionType and not func.__code__.co_flags & CO_COROUTINE
                and not hasattr(func, "_is_coroutine_marker")):
            return func
        return super().ensure_sync(func)
