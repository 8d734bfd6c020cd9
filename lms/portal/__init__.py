"""The portal's own pages: the catalogue home, My learning across courses, and old links."""
