"""Render the nginx configuration for N atlas instances (deploy/nginx/atlas.conf.template).

Why a renderer and not a finished file: the instances' addresses, the listen address and the
cache folder differ per machine, and ``make faulttest`` must run exactly the configuration
that is shipped, only with its own ports and folders. Two outputs:

- ``render(...)``: the ``upstream`` + ``server`` blocks for nginx's ``http { }`` block
  (``/etc/nginx/conf.d/atlas.conf``);
- ``standalone(...)``: a whole ``nginx.conf`` around it that runs in the foreground from one
  folder (pid, logs, temporary files, cache), for tests and trials.

    python deploy/nginx_config.py --instance 127.0.0.1:8051 --instance 127.0.0.1:8052 \\
        [--listen 80] [--cache-dir /var/cache/nginx/atlas] > /etc/nginx/conf.d/atlas.conf
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "atlas.conf.template"
DEFAULT_MAX_BODY_MB = 32  # components.security.DEFAULT_MAX_REQUEST_MB (kept import-free: no app deps here)
_ADDRESS = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$")
_FIELD = re.compile(r"@([A-Z_]+)@")


def render(instances: list[str], listen: str = "80", cache_dir: str = "/var/cache/nginx/atlas",
           access_log: str = "/var/log/nginx/atlas.access.log", max_body_mb: int = DEFAULT_MAX_BODY_MB,
           max_fails: int = 1, fail_timeout: str = "5s") -> str:
    """The ``http``-level configuration for ``instances`` (``host:port`` each, at least one)."""
    if not instances:
        raise ValueError("at least one instance (host:port) is needed")
    for address in instances:
        if not _ADDRESS.match(address):
            raise ValueError(f"{address!r} is not host:port")
    fields = {
        "UPSTREAM_SERVERS": "\n".join(f"    server {address} max_fails={max_fails} fail_timeout={fail_timeout};"
                                      for address in instances),
        "MAX_FAILS": str(max_fails),
        "FAIL_TIMEOUT": fail_timeout,
        "RETRY_TRIES": str(max(2, len(instances))),
        "LISTEN": listen,
        "CACHE_DIR": cache_dir,
        "ACCESS_LOG": access_log,
        "MAX_BODY_MB": str(max_body_mb),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    missing = set(_FIELD.findall(text)) - set(fields)
    if missing:
        raise KeyError(f"template fields without a value: {sorted(missing)}")
    return _FIELD.sub(lambda m: fields[m.group(1)], text)


def standalone(instances: list[str], folder: Path, listen: str, **options) -> Path:
    """A complete nginx.conf in ``folder`` that runs in the foreground; returns its path.

    Its workers run as the user who starts it (as root: root, so the temporary and cache folders
    need no hand-over); a real deployment includes ``render``'s output in the system's nginx.
    """
    folder = Path(folder)
    for name in ("cache", "body", "proxy"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    user = "user root root;" if os.geteuid() == 0 else ""
    site = render(instances, listen=listen, cache_dir=str(folder / "cache"),
                  access_log=str(folder / "access.log"), **options)
    config = f"""{user}
daemon off;
worker_processes 1;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {folder / 'body'};
    proxy_temp_path {folder / 'proxy'};
    fastcgi_temp_path {folder / 'proxy'};
    uwsgi_temp_path {folder / 'proxy'};
    scgi_temp_path {folder / 'proxy'};
{site}
}}
"""
    path = folder / "nginx.conf"
    path.write_text(config, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", action="append", required=True, help="host:port of one app instance (repeat)")
    parser.add_argument("--listen", default="80", help="nginx's listen address (default 80)")
    parser.add_argument("--cache-dir", default="/var/cache/nginx/atlas")
    parser.add_argument("--access-log", default="/var/log/nginx/atlas.access.log")
    parser.add_argument("--max-body-mb", type=int, default=DEFAULT_MAX_BODY_MB)
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(render(args.instance, args.listen, args.cache_dir, args.access_log, args.max_body_mb))
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
