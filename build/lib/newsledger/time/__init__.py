"""Time: dates written in the text, normalised to ISO 8601 at the precision the text gives."""

from newsledger.time.explicit import parse_explicit_date

__all__ = ["parse_explicit_date"]
