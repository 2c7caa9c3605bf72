"""Demo content for a fresh install and the tests: `manage.py load_demo_content`.

Scaffolding, not domain: the domain apps know nothing of it. `portal.demo.content` builds the
home page, sections and articles (the seed article among them), `links` and `polls` the demo
links and poll, `oversight` the oversight register's activities, agencies and events,
`petitions` the voters' petitions register; every loader is idempotent.
"""
