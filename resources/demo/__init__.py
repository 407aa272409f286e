"""The public site's demo content: ``content`` says what it is, ``builders`` writes it, and
``manage.py load_demo_content`` runs it after the staff account and before later apps."""

from home.demo import register
from resources.demo.builders import build_public_site

register("resources", build_public_site, order=50)
