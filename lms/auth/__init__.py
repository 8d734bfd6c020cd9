"""Accounts: sign up, log in and out, password reset, profile, and the `users` command."""
