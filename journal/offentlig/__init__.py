"""The public journal (offentlig journal / postliste): the public list and entry pages,
innsynskrav from the public, and exports of a period as Noark 5 offentligJournal.xml, CSV
and PDF (DOMAIN.md §7).

Everything the public sees comes from `poster.offentlige_poster()` (which rows) and
`poster.vis_poster()` (what of each row), both through the access chokepoint as the
anonymous user, so the pages, the downloads, the receipt e-mail and every export screen
exactly the same way.
"""
