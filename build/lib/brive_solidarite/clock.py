"""The build's idea of "now", in Europe/Paris. BRIVE_MAINTENANT fixes it (tests, previews)."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def now() -> dt.datetime:
    fixed = os.environ.get("BRIVE_MAINTENANT")
    if fixed:
        moment = dt.datetime.fromisoformat(fixed)
        return moment if moment.tzinfo else moment.replace(tzinfo=PARIS)
    return dt.datetime.now(PARIS)
