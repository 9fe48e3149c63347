"""The output folder, safe to kill at any moment: a lock, private staging, an atomic replace, and
PDF workers that die with the build.

A nightly job that times out is killed with SIGKILL: no `finally` runs. So whatever a killed
build leaves is put right by the next one when it takes the lock (stale staging folders are
removed, outputs moved aside are put back), the lock is one the operating system releases when
its holder dies, and the PDF workers watch their parent and exit when it has gone. Works on
Linux, macOS and Windows: `filelock` picks each platform's own lock, and where a process pool
cannot start the PDFs are rendered in this process.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from pathlib import Path

from kpicli.errors import InputError, Problem

LOCK_FILE = ".kpicli.lock"
BUILDING = ".building-"
RETIRED = ".old-"
PARTIAL = ".partial"
# Staging folders and exempt files are for the build's own user only; the finished public
# outputs are shared like any file the user writes.
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
SHARED_FOLDER = 0o755
PARENT_CHECK_SECONDS = 0.2


def out_problem(out_dir: Path, message: str, hint: str) -> InputError:
    return InputError([Problem(out_dir.as_posix(), None, "", message, hint)])


def prepare_out_dir(out_dir: Path) -> bool:
    """Make the output folder if need be (True if it was made); a file or an unwritable folder
    is an input error, not a traceback."""
    if out_dir.is_symlink() and not out_dir.is_dir():
        raise out_problem(out_dir, "is a broken link", "give --out a folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise out_problem(out_dir, "is a file, not a folder", "give --out a folder for the papers")
    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise out_problem(
            out_dir, f"cannot be made: {error.strerror}", "give --out a folder you can write to"
        ) from None
    return created


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock: builds into one folder take turns. The operating system
    releases it when the holder dies, however it dies; the lock file is opened without
    following a symlink, so a planted link cannot make kpicli create or truncate its target."""
    from filelock import FileLock

    created = prepare_out_dir(out_dir)
    path = out_dir / LOCK_FILE
    if path.is_symlink():
        raise out_problem(path, "is a symbolic link", "remove it; kpicli makes its own lock file")
    lock = FileLock(str(path), mode=PRIVATE_FILE)
    try:
        lock.acquire()
    except OSError as error:
        if created:
            remove_if_empty(out_dir)
        raise out_problem(
            out_dir, f"cannot be written to: {error.strerror}", "give --out a folder you can write to"
        ) from None
    try:
        recover(out_dir)
        yield
    finally:
        lock.release()
        if created:
            remove_if_empty(out_dir)


def remove_if_empty(out_dir: Path) -> None:
    """A folder made for a build that failed is removed, lock file and all."""
    try:
        entries = {entry.name for entry in out_dir.iterdir()}
        if entries <= {LOCK_FILE}:
            (out_dir / LOCK_FILE).unlink(missing_ok=True)
            out_dir.rmdir()
    except OSError:
        pass


def recover(out_dir: Path) -> None:
    """Put right what a killed build left (only a build holding the lock writes here): outputs
    moved aside go back if their replacement never arrived, and staging folders and partly
    written manifests go."""
    for entry in sorted(out_dir.iterdir()):
        if entry.name.startswith(".") and entry.name.endswith(PARTIAL) and not entry.is_dir():
            entry.unlink(missing_ok=True)
        if not entry.name.startswith(".") or not entry.is_dir() or entry.is_symlink():
            continue
        if RETIRED in entry.name:
            period = entry.name[1:].partition(RETIRED)[0]
            kept = entry / period
            if kept.is_dir() and not (out_dir / period).exists():
                os.replace(kept, out_dir / period)
            shutil.rmtree(entry, ignore_errors=True)
        elif BUILDING in entry.name:
            shutil.rmtree(entry, ignore_errors=True)


def check_target(out_dir: Path, period: str) -> None:
    """OUT/PERIOD must be a folder kpicli can replace: never silently delete a user's file."""
    target = out_dir / period
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise out_problem(
            target, "is not a folder of papers", "move or remove it; kpicli only replaces folders it built"
        )


def staging_folder(out_dir: Path, period: str) -> Path:
    """A private folder beside the target, so the final move is a rename on one file system."""
    folder = Path(tempfile.mkdtemp(prefix=f".{period}{BUILDING}", dir=out_dir))
    folder.chmod(PRIVATE_FOLDER)
    return folder


def write_atomically(path: Path, text: str) -> None:
    """Write `text` (UTF-8, newlines as given) so that `path` is always whole: the old file,
    or the new one. A write that fails leaves the old file as it was and no partial file.

    The partial file is created new beside the target (never through a planted link) with the
    permissions any new file of the user's gets, so a replaced file is not made private."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{PARTIAL}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    handle = os.open(partial, flags, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            # Without this a power cut soon after the rename can leave an empty file in its place.
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def make_private(path: Path) -> None:
    path.chmod(PRIVATE_FILE)


def replace_folder(staging: Path, target: Path) -> None:
    """Move the finished outputs into place; the old ones go only once the new ones are there
    (a build killed in between has them put back by `recover`)."""
    staging.chmod(SHARED_FOLDER)
    retired = None
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}{RETIRED}", dir=target.parent))
        os.replace(target, retired / target.name)
    os.replace(staging, target)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def watch_parent(parent: int) -> None:
    """Runs in each PDF worker: exit as soon as the build that started it has gone, so a killed
    build leaves no worker rendering on (or holding the lock's file open)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="kpicli-parent-watch", daemon=True).start()


def process_pool(workers: int) -> Executor | None:
    """A pool whose workers die with the build, or None where this platform cannot start one
    (no working semaphores, a sandbox forbidding processes): the caller renders in process."""
    from concurrent.futures import ProcessPoolExecutor

    try:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=watch_parent, initargs=(os.getpid(),))
        pool.submit(int).result()
    except (OSError, NotImplementedError, ImportError, RuntimeError):
        return None
    return pool


def run_all(
    tasks: Sequence[tuple[Callable[..., None], tuple[object, ...]]], pool: Executor | None
) -> Iterator[int]:
    """Run each task, in the pool if there is one, yielding each one's index as it finishes."""
    if pool is None:
        for index, (function, arguments) in enumerate(tasks):
            function(*arguments)
            yield index
        return
    from concurrent.futures import FIRST_COMPLETED, wait

    futures: dict[Future[None], int] = {
        pool.submit(function, *arguments): i for i, (function, arguments) in enumerate(tasks)
    }
    pending = set(futures)
    try:
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: futures[f]):
                future.result()
                yield futures[future]
    finally:
        for future in pending:
            future.cancel()


def is_private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
