"""What of the journal «Siste endringer» on archive's start page shows (issue 15, item 10).

The audit log also holds the system's own bookkeeping (users, roles, clearances, units,
the demo generator's set-up); archive's start page shows what people did to cases and
posts. Each entry links to the object's page by the id the entry keeps, so the list costs
no query per row; the entry text holds the case or post number, never the title."""

# Model (app_label.model) -> URL name of its page, taking the object's id.
LENKER = {
    "journal.saksmappe": "journal:sak",
    "journal.journalpost": "journal:journalpost",
}
