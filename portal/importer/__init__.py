"""Migration from the old portal: `manage.py import_legacy PATH…` turns text dumps into articles.

Each file is imported in its own transaction (all of it or nothing) and fingerprinted (SHA-256
of the parsed article), so importing it again, even re-encoded, reports "không đổi". Imported
articles are published (their publication date set to the event date) unless --draft is given;
a title proposed from the first sentence is flagged for an editor (title_needs_review).
"""
