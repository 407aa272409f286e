"""Demo content for the site: ``manage.py load_demo_content`` builds it from ``content``."""
