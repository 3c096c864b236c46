"""OGP's commitments export layout: reading and checking a file (reader.py), importing it
(importer.py), exporting it (exporter.py) and downloading it (views.py). columns.py holds the
layout and how each column maps to opengov."""
