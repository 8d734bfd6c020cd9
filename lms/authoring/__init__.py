"""Trainer pages: edit, reorder, draft/publish, preview, history, editions, import and export."""
