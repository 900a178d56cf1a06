"""Time: date expressions in English and Korean, resolved to the calendar (TimeML values)."""

from newsledger.time import stage
from newsledger.time.explicit import parse_explicit_date
from newsledger.time.tagger import find_times

__all__ = ["find_times", "parse_explicit_date", "stage"]
