"""Cost and performance models, device database: pure functions, no IR
mutation. Importing the package registers every layer model (the entries
of :mod:`finnr.models.registry` are in :mod:`finnr.models.cost`)."""

from finnr.models import cost  # noqa: F401  (registers the layer models)
