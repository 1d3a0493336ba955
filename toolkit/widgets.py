"""Old import path of :mod:`toolkit.show.widgets`, kept for notebooks and outside code (issue 12).

``import toolkit.widgets`` gives the very module ``toolkit.show.widgets``, not a copy.
"""

import sys

from toolkit.show import widgets as _module

sys.modules[__name__] = _module
