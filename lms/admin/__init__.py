"""Admin pages (admins only): certificate administration for now."""
