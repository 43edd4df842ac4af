"""Use cases that change cases and journal posts. Each takes the acting user, checks the
rule and the permission, writes in one transaction, and records the audit entry."""
