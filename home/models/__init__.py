from .media import SiteDocument, SiteImage, SiteRendition
from .navigation import NavigationSettings, SiteSettings
from .pages import HomePage, HomePageFeature, StandardPage

__all__ = [
    "HomePage",
    "HomePageFeature",
    "NavigationSettings",
    "SiteDocument",
    "SiteImage",
    "SiteRendition",
    "SiteSettings",
    "StandardPage",
]
