"""The library of legal documents ("văn bản") that articles cite.

- The public library lives at /van-ban-phap-ly/ (a plain Django URL before Wagtail's catch-all):
  "/van-ban/" is already the demo's "Văn bản" news section.
- Documents the recogniser meets for the first time are created as drafts ("đang cập nhật"):
  they are listed publicly, marked as such, so a reader can always follow a reference; an
  editor completes them in the admin ("Văn bản" menu), after which the recogniser never changes
  them.
- Citations are refreshed by `services.citations_refresh(article=...)`, run by the publishing
  pipeline (portal.core.publishing) when an article is published, saved, or imported.
"""
