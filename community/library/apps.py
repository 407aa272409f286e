from django.apps import AppConfig


class LibraryConfig(AppConfig):
    """The tender library: members' tenders on the CPV vocabulary, their private, versioned
    documents, and the clauses members reuse from them."""

    name = "community.library"
    label = "library"
    verbose_name = "Tender library"

    def ready(self):
        # Each registers itself with the part of the members area that collects it.
        from community.library import follows, home, personal_data  # noqa: F401
