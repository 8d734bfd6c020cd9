"""Course reports for trainers and admins: aggregate SQL, SVG charts, tables and CSV."""
