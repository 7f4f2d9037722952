"""A real OpenID Connect provider (django-oidc-provider) run as its own small Django project for the sign-in tests."""
