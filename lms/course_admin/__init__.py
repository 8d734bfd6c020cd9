"""Running the catalogue in the browser: creating courses, their place, visibility and staff."""
