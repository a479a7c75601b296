"""Importing feedback from files: ``reading`` streams CSV, XLSX and JSON Lines records in batches
(Polars frames), ``mapping`` says which column feeds which field (with presets for common
exports), ``validation`` checks a batch at once and turns its good records into the fields of
responses, reading dates with ``dates``; ``refused`` finds the rows a check refused in the file
again, for people to fix. These five import no Django. ``writing`` stores checked
batches; ``services``, ``selectors``, ``forms`` and ``tasks`` connect them to the database, the
pages and the workers."""
