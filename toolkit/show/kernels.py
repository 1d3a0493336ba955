"""Kernels that run one notebook after another, for the static report.

Starting an IPython kernel and importing pandas, matplotlib and the toolkit in it costs about
two CPU seconds, and the curated notebooks each take only a few seconds more: on a two-core
machine, three kernels starting beside the extraction spent more time starting than drawing
(issue 15). So the report keeps a few kernels (one per core at most) and runs the notebooks
through them in turn. Before a kernel's second and later notebooks, :data:`RESET_SOURCE`
clears what the previous notebook left: its variables (``%reset -f``), its open figures, the
pandas display options and matplotlib's settings. Imported modules stay imported: that is the
saving, and it is why a notebook must not rely on a module's state that another one changes
(beyond those two settings), just as it could not in a Jupyter session that runs several.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jupyter_client loads when a report is built: the CLI starts quickly
    from jupyter_client.manager import AsyncKernelManager

#: The tag of the cell put first in a notebook that a kernel runs after another one.
RESET_TAG = "injected-reset"

#: What that cell runs (:func:`clear_kernel`; toolkit.show.kernels loads nothing more).
RESET_SOURCE = '__import__("toolkit.show.kernels", fromlist=["clear_kernel"]).clear_kernel(get_ipython())'


def clear_kernel(shell: Any) -> None:  # noqa: ANN401 - an IPython InteractiveShell
    """Clear what a notebook left in its kernel before the next one runs there.

    Its figures are closed and matplotlib's settings and pandas' display options restored (a
    notebook that uses neither loads neither here); then its names are removed as ``%reset -f``
    removes them. The module's own names (``__spec__`` and the like, which ``%reset`` drops
    and ``multiprocessing`` reads to start a worker) are kept.
    """
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
        sys.modules["matplotlib"].rc_file_defaults()
    pd = sys.modules.get("pandas")
    if pd is not None:
        pd.reset_option("display")
    dunders = {k: v for k, v in shell.user_ns.items() if k.startswith("__") and k.endswith("__")}
    shell.reset(new_session=False)
    shell.user_ns.update(dunders)


class Kernel:
    """One kernel, started when first needed and reused for the notebooks that follow.

    :meth:`manager` gives a running kernel's manager (a new kernel when there is none, when it
    died, or when it was started in another folder); :meth:`stop` kills it, as the report does
    when it is done, or when a cell stalled in it (the next notebook then gets a fresh one).
    """

    def __init__(self) -> None:
        self.km: AsyncKernelManager | None = None
        self.cwd: Path | None = None
        self.runs = 0  # notebooks started in the current kernel

    async def manager(self, cwd: Path) -> AsyncKernelManager:
        """The manager of a live kernel whose working folder is ``cwd``."""
        if self.km is not None and (self.cwd != cwd or not await self.km.is_alive()):
            await self.stop()
        if self.km is None:
            from jupyter_client.manager import AsyncKernelManager

            km = AsyncKernelManager(kernel_name="python3")
            # (the kernel's start-up chatter is not the report's; its history is not kept)
            await km.start_kernel(cwd=str(cwd), stderr=subprocess.DEVNULL,
                                  extra_arguments=["--HistoryManager.hist_file=:memory:"])
            self.km, self.cwd, self.runs = km, cwd, 0
        return self.km

    async def stop(self) -> None:
        """Kill the kernel, if one runs (nothing in it is worth a graceful shut-down)."""
        km, self.km = self.km, None
        if km is None:
            return
        try:
            await km.shutdown_kernel(now=True)
        except RuntimeError as exc:  # already gone
            if "No kernel is running" not in str(exc):
                raise


def reset_cell(nbformat: Any) -> Any:  # noqa: ANN401 - nbformat's module and NotebookNode
    """The cell that clears a kernel's state between two notebooks (:data:`RESET_SOURCE`)."""
    return nbformat.v4.new_code_cell(RESET_SOURCE, metadata={"tags": [RESET_TAG]})
