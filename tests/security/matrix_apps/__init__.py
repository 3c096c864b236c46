"""The permission matrix's parts that belong to one app each: `<app>.py` may define

- `TABLE`: rows in the format of permission_matrix.TABLE (same columns, same outcomes);
- `RESOLVERS`: {"<segment>/<argument>" or "<argument>": Resolver} for its path arguments
  (matrix_resolvers.py; its states are those of permission_matrix.STATES);
- `BODIES`: {OpenAPI path: lambda url: a valid JSON body} for its API writes;
- `build(objects, users)`: adds its objects to the world (permission_world.py), built through the
  services, each object's text carrying its state's mark (permission_world.MARKS), keyed
  objects[kind][state].

The other security harnesses read, from the same module:

- `SAMPLES` ({URL name: {argument: attribute of the sample world}}) and `API_ARGUMENTS`
  ({API path argument: attribute}), and `sample_world(world)`, which sets those attributes on the
  SimpleNamespace of route_samples.build_world (CSRF, safe methods, query injection);
- `content_world(world, payload, fit)`: runs the app's services with `payload` (`fit("Model.field")`
  gives it cut to the field's length) in every text argument (content_world.py: XSS, Unicode,
  CSV injection), so that every text field of the app's models holds it.

- `WALK_ARGUMENTS` ({URL name: {argument: "attribute of the content world" or
  "attribute.field"}}, or a function of the world giving a list of argument dicts) for the XSS and
  Unicode walks (site_walk.ROUTE_ARGUMENTS);
- `URL_WRITERS` ({"app.Model.field": [(argument, lambda world, url: a service call)]}) for every
  URL field, so test_urls_in_fields.py tries each hostile address through its service.

- `data_world(commitment=…, organisation=…, user=…)`: at least one public row of each of the
  app's open datasets (opengov/api/tests/test_data.py downloads every dataset).

They are read in the order of APPS."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

APPS = ("organisations", "collective_actions", "nominations", "ideas", "consultations", "feedback")

PARTS: list[ModuleType] = [import_module(f"{__name__}.{app}") for app in APPS]
