"""Old import path of :mod:`toolkit.show.charts`, kept for notebooks and outside code (issue 12).

``import toolkit.charts`` gives the very module ``toolkit.show.charts``, not a copy.
"""

import sys

from toolkit.show import charts as _module

sys.modules[__name__] = _module
