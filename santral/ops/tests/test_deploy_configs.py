"""The configs in deploy/ are valid: nginx's by `nginx -t` where nginx is installed."""

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"


@pytest.mark.skipif(
    not (shutil.which("nginx") and shutil.which("openssl")), reason="nginx is not installed"
)
def test_nginx_accepts_the_site_config(tmp_path):
    certificate, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=santral.example.org", "-keyout", str(key), "-out", str(certificate)),
        ],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY / "nginx-santral.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/santral.example.org/fullchain.pem", str(certificate))
    site = site.replace("/etc/letsencrypt/live/santral.example.org/privkey.pem", str(key))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("unit", sorted(path.name for path in DEPLOY.glob("santral-*.service")))
def test_systemd_units_run_manage_py_or_gunicorn_with_the_environment_file(unit):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read(DEPLOY / unit)
    service = parser["Service"]
    assert service["EnvironmentFile"] == "/etc/santral/santral.env"
    assert service["User"] == "santral"
    command = service["ExecStart"]
    assert "manage.py" in command or "gunicorn -c deploy/gunicorn.conf.py config.wsgi" in command
