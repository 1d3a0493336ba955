"""Old import path of :mod:`toolkit.tables.views`, kept for notebooks and outside code (issue 12).

``import toolkit.views`` gives the very module ``toolkit.tables.views``, not a copy.
"""

import sys

from toolkit.tables import views as _module

sys.modules[__name__] = _module
