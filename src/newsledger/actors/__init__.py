"""Actors: people, governments, organisations and places, one identity each, with country and roles.

The stage registers itself when `newsledger.actors.stage` is imported (the pipeline does so).
"""
