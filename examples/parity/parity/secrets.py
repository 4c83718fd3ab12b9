"""Secrets: tasks read them with `current_context().secrets.get(group, key)`."""

from flytekit import Secret, current_context, task, workflow


@task(secret_requests=[Secret(group="db", key="password")])
def db_password_length() -> int:
    return len(current_context().secrets.get("db", "password"))


@task(secret_requests=[Secret(group="api", key="token", env_var="API_TOKEN")])
def api_token() -> str:
    import os

    # Never return a secret: outputs are stored and shown. Its length, and whether the
    # requested env_var holds the same value, say enough.
    token = current_context().secrets.get("api", "token")
    return f"{len(token)}|{token == os.environ.get('API_TOKEN', '').strip()}"


@workflow
def uses_secrets() -> tuple[int, str]:
    return db_password_length(), api_token()
