"""Accounts and their sessions: sign-in records in the audit trail, session time limits,
signing out other sessions."""
