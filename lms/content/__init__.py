"""The course as files: reading, checking, importing and exporting the modules/ folder."""
