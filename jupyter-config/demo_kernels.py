"""A kernel manager for ``make demo`` that caps how many kernels run at once.

Voila starts one kernel per page load, each about 250 MB. On a lecturer's laptop
nine reloads were enough for 2.4 GB. :class:`LimitedKernelManager` refuses a new
kernel once ``max_kernels`` are running and answers with HTTP 503 and a sentence
saying why; the idle-kernel culling configured in the Makefile frees places again.
``make demo`` puts this folder on ``PYTHONPATH`` and selects the class with
``--VoilaConfiguration.multi_kernel_manager_class=demo_kernels.LimitedKernelManager``.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Integer


class LimitedKernelManager(AsyncMappingKernelManager):
    """An asynchronous mapping kernel manager with an upper limit on running kernels."""

    max_kernels = Integer(
        6, config=True, help="Most kernels running at once; further page loads get HTTP 503."
    )

    async def start_kernel(self, *args: Any, kernel_id: str | None = None, **kwargs: Any) -> str:
        if kernel_id is None and len(self.list_kernel_ids()) >= self.max_kernels:
            raise web.HTTPError(
                503,
                f"The dashboard already runs {self.max_kernels} sessions, its limit. Close "
                "another tab with it, or try again when an idle session has been shut down.",
                reason="The dashboard is full: close another tab or try again in a few minutes",
            )
        return await super().start_kernel(*args, kernel_id=kernel_id, **kwargs)
