"""Noark 5 arkivuttrekk: the export (eksport.py) and the checker (kontroll.py)."""
