"""The interpreter the suite runs on: a traceback logged while Python parses must not break the
parse.

SQLAlchemy returns a pooled connection that nothing closed when the garbage collector frees it,
and logs a traceback if resetting it fails (its server went away). The collector can run inside
any allocation, among them ast.parse's, which werkzeug calls for every URL rule in create_app.
On CPython 3.11 before 3.11.8 the traceback's own ast.parse (for its ^^^ markers) then breaks
the outer one with SystemError, "AST constructor recursion depth mismatch" (CPython gh-106905):
one CI run lost a test's setup to it. `make test` runs pytest with PYTHONNODEBUGRANGES=1, under
which tracebacks print no markers and parse nothing.
"""
import subprocess
import sys
import textwrap

REPRODUCTION = textwrap.dedent("""
    import ast, gc, logging, os, sys
    import sqlalchemy as sa

    logging.basicConfig(level=logging.ERROR, stream=open(os.devnull, "w"))
    engine = sa.create_engine(sys.argv[1], poolclass=sa.pool.NullPool)

    def leak():
        connection = engine.raw_connection()  # checked out and never returned
        connection.dbapi_connection.close()   # as when the database ends the connection
        cycle = [connection]
        cycle.append(cycle)                   # freed only by the garbage collector

    gc.set_threshold(1)  # the collector at (nearly) every allocation, ast.parse's among them
    broken = 0
    for _ in range(50):
        leak()
        try:
            ast.parse("def _(): pass")
        except SystemError:
            broken += 1
    print(broken)
""")


def test_a_connection_freed_during_a_parse_does_not_break_the_parse(tmp_path):
    result = subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "-c", REPRODUCTION, f"sqlite:///{tmp_path / 'gc.sqlite3'}"],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0", (
        f"{result.stdout.strip()} of 50 parses broke: run the suite with `make test`, or set "
        "PYTHONNODEBUGRANGES=1, or use CPython 3.11.8 or newer")
