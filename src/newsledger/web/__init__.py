"""The web UI and JSON API over a store (`newsledger serve`): search, articles, actors, stories, timeline."""

from newsledger.web.app import create_app

__all__ = ["create_app"]
