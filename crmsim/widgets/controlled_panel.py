"""What every interactive panel shares: named controls, and one update per change.

A panel keeps its ipywidgets controls in ``controls`` (by parameter name) and
recomputes in ``update()``. A change of any control calls ``update()`` once;
:meth:`ControlledPanel.set` changes several controls from code (as a lecturer
would with the mouse) and updates once at the end, not once per control.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any


class ControlledPanel(ABC):
    """Base class of the panels: ``controls`` by name, ``update()`` after each change."""

    controls: dict[str, Any]
    _holding = False

    @abstractmethod
    def update(self) -> None:
        """Recompute and show the results (each panel defines it)."""

    def _changed(self, change: dict[str, Any]) -> None:
        if not self._holding:
            self.update()

    def set(self, **values: Any) -> None:
        """Change controls from code and update once at the end.

        Raises
        ------
        KeyError
            A name that is not one of the panel's controls.
        """
        unknown = set(values) - set(self.controls)
        if unknown:
            raise KeyError(f"unknown control(s) {sorted(unknown)}; known: {sorted(self.controls)}")
        self._holding = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self.update()
