"""The offline crisis kit: the web app manifest, the service worker and the offline page."""
