"""Generation runs in the background: a request starts a job (202 with the address to poll),
a thread plans the days one by one, and each finished day shows in the job's status. Jobs live
in this process's memory, per workspace (another workspace's job is not found)."""

from __future__ import annotations

import itertools
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from menuplanner.domain.errors import MenuplannerError, NotFound

KEPT_JOBS = 200


@dataclass
class Job:
    job_id: str
    workspace: str
    menu_id: int
    state: str = "running"  # running, done, failed
    days: list[dict] = field(default_factory=list)
    error: str | None = None


class Jobs:
    def __init__(self) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)

    def start(self, workspace: str, menu_id: int, run: Callable[[], Iterable[dict]]) -> Job:
        job = Job(f"{next(self._numbers)}-{uuid.uuid4().hex[:12]}", workspace, menu_id)
        with self._lock:
            self._jobs[job.job_id] = job
            while len(self._jobs) > KEPT_JOBS:
                self._jobs.popitem(last=False)
        threading.Thread(target=self._run, args=(job, run), daemon=True).start()
        return job

    def _run(self, job: Job, run: Callable[[], Iterable[dict]]) -> None:
        try:
            for day in run():
                job.days.append(day)
            job.state = "done"
        except MenuplannerError as error:
            job.state, job.error = "failed", str(error)
        except Exception:  # noqa: BLE001  (a job's failure is reported, never a traceback)
            job.state, job.error = "failed", "Generation failed on the server; days not listed "
            job.error += "as done were not changed."

    def get(self, workspace: str, job_id: str) -> Job:
        job = self._jobs.get(job_id)
        if job is None or job.workspace != workspace:
            raise NotFound(f"There is no generation job {job_id}.")
        return job
