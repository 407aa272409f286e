"""The home page and standard pages in the site search."""

from home.models import HomePage, StandardPage
from search.pages import PageSource
from search.registry import register

register(PageSource(HomePage, label="Page", text_fields=("hero_heading", "body")))
register(PageSource(StandardPage, label="Page"))
