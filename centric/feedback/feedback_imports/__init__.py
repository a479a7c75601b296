"""Importing feedback from files: ``reading`` streams CSV, XLSX and JSON Lines records,
``mapping`` says which column feeds which field (with presets for common exports),
``validation`` turns one record into a response or the reasons it cannot be one. These three
import no Django. ``services``, ``selectors``, ``forms`` and ``tasks`` connect them to the
database, the pages and the workers."""
