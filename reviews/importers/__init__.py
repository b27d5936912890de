"""Importers of OGP and IRM data files, one module per source format (see irm.py and process.py)."""
