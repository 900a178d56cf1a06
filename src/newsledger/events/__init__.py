"""Events: who did what to whom, when and where, in the PLOVER ontology.

The stage registers itself when `newsledger.events.stage` is imported (the pipeline does so).
"""
