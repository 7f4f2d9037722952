"""Prepare the test provider's database: tables, a signing key, one user and one client.

python -m tests.oidc_provider.prepare REDIRECT_URI CLIENT_ID CLIENT_SECRET USERNAME:PASSWORD:NAME …
(with DJANGO_SETTINGS_MODULE=tests.oidc_provider.settings and OIDC_TEST_PROVIDER_DB set).
"""

import sys

import django


def main(redirect_uri, client_id, client_secret, *users):
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    call_command("creatersakey")
    for user in users:
        username, password, name = user.split(":", 2)
        User.objects.create_user(username=username, password=password, first_name=name)
    client = Client.objects.create(
        name="motcua",
        client_type="confidential",
        client_id=client_id,
        client_secret=client_secret,
        jwt_alg="RS256",
        require_consent=False,
    )
    client.redirect_uris = [redirect_uri]
    client.scope = ["openid", "profile"]
    client.save()
    client.response_types.add(ResponseType.objects.get(value="code"))


if __name__ == "__main__":
    main(*sys.argv[1:])
