"""Production settings (the environment a deployment sets) pass Django's deployment checks and harden HTTPS."""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

VIGIL = str(Path(sys.executable).with_name("vigil"))


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "VIGIL_DATA_DIR": str(data_dir),
        "VIGIL_SECRET_KEY": secrets.token_urlsafe(64),
        "VIGIL_ALLOWED_HOSTS": "vigil.example.org",
        "VIGIL_HTTPS": "1",
        **extra,
    }
    for name in ("DATABASE_URL", "VIGIL_DEBUG", "VIGIL_HSTS_PRELOAD"):
        if name not in extra:
            env.pop(name, None)
    return env


def test_vigil_check_passes_the_deployment_checks_with_production_settings(tmp_path):
    result = subprocess.run([VIGIL, "check"], env=production_env(tmp_path), capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in output, output  # W021: preload is opt-in


def test_vigil_check_fails_on_a_deployment_error(tmp_path):
    result = subprocess.run(
        [VIGIL, "check"], env=production_env(tmp_path, VIGIL_ALLOWED_HOSTS=""), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert "security.W020" in result.stdout + result.stderr  # ALLOWED_HOSTS empty


def test_https_settings_make_cookies_secure_and_send_hsts(tmp_path):
    code = (
        "import json, vigil.settings as s; print(json.dumps({n: getattr(s, n, None) for n in ("
        "'SESSION_COOKIE_SECURE','CSRF_COOKIE_SECURE','SECURE_SSL_REDIRECT','SECURE_HSTS_SECONDS',"
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS','SESSION_COOKIE_HTTPONLY','CSRF_COOKIE_HTTPONLY','X_FRAME_OPTIONS',"
        "'SECURE_CONTENT_TYPE_NOSNIFF','SECURE_REFERRER_POLICY','SECURE_PROXY_SSL_HEADER')}))"
    )
    env = production_env(tmp_path)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    values = json.loads(result.stdout)

    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_PROXY_SSL_HEADER": None,  # X-Forwarded-Proto is believed only with VIGIL_BEHIND_PROXY
    }


def test_uploads_are_spooled_inside_the_data_directory_for_vigil_alone():
    from django.conf import settings

    spool = Path(settings.FILE_UPLOAD_TEMP_DIR)
    assert spool.is_relative_to(settings.DATA_DIR) and spool.stat().st_mode & 0o077 == 0
    assert settings.FILE_UPLOAD_PERMISSIONS == 0o600


def test_vigil_serve_refuses_a_request_over_the_limit_before_reading_it(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "VIGIL_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen([VIGIL, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True)
    try:
        for line in server.stdout:
            if "serving at" in line:
                break
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.putrequest("POST", "/intake/")
                connection.putheader("Content-Type", "multipart/form-data; boundary=x")
                connection.putheader("Content-Length", str(13 * 1024 * 1024))
                connection.endheaders(b"--x\r\n")
                break
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        response = connection.getresponse()

        assert response.status == 413
    finally:
        server.terminate()
        server.wait(timeout=10)
