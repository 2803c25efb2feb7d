"""How ``finnr`` and ``finnr-opt`` end: a mistake in the user's input is one
message and exit code 2; a closed stdout (``finnr-opt x.mlir | head``) ends
the program quietly with 141, as a program killed by SIGPIPE (mlir-opt)
does; Ctrl-C is 130; anything else is a bug in finnr, exit code 1 with a
line asking for a report. A traceback is shown only with ``--debug``."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from finnr.diagnostics import FinnrError

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE: what a shell reports for a program whose reader went away."""


def stdout_is_closed() -> bool:
    """Whether nobody reads stdout any more (a pipe whose reader exited)."""
    try:
        import select

        poll = select.poll()
        poll.register(sys.stdout.fileno(), select.POLLOUT)
        return any(event & select.POLLERR for _, event in poll.poll(0))
    except (AttributeError, OSError, ValueError):  # no poll(), or no real stdout
        return False


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's flush at exit does not
    raise BrokenPipeError again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def guarded(prog: str, fn: Callable[[], int], debug: bool = False,
            user_errors: tuple[type[BaseException], ...] = ()) -> int:
    """Run ``fn`` and turn how it ends into an exit code (and at most one
    message on stderr). ``user_errors`` are exceptions besides FinnrError
    that are the user's mistake."""
    try:
        return fn()
    except (FinnrError, *user_errors) as e:
        if debug:
            raise
        print(f"{prog}: error: {str(e).strip()}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError as e:
        if stdout_is_closed():
            _silence_stdout()
            return EXIT_BROKEN_PIPE
        return _internal_error(prog, e, debug)
    except Exception as e:  # a bug in finnr (or xDSL)
        return _internal_error(prog, e, debug)


def _internal_error(prog: str, e: Exception, debug: bool) -> int:
    if debug:
        raise e
    print(
        f"{prog}: internal error: {type(e).__name__}: {str(e).strip()[:2000]}\n"
        "This is a bug in finnr; please report it with the command line and "
        "input (rerun with --debug for the traceback).",
        file=sys.stderr,
    )
    return EXIT_INTERNAL_ERROR
