"""The trainer's web workspace: clients, plans, edits and logs kept in a database.

``routers`` turn requests into calls to ``services``; only ``db`` talks to the database;
``services`` call the same use cases as the command line (:mod:`thrustplan.app.service`)
and run plans on the job queue's workers.
"""
