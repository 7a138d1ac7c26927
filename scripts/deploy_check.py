# ruff: noqa: S108, S603, S607 - it runs the guide's commands, with its paths, by design
"""Follow docs/deployment.md in a throwaway folder on loopback ports, and check what it promises.

`make deploy-check` runs this. The commands are the guide's own: every fenced block marked
`<!-- deploy-check: NAME -->` is read from docs/deployment.md and run with the paths, ports and
database names swapped for throwaway ones (SWAPS below; a swap that no longer matches the guide
fails the check, so the two cannot drift apart). nginx runs deploy/nginx/warta.conf as shipped,
as its own master with its own pid, temp and cache folders, in front of two app servers; the
scheduler runs beside them. Then, through nginx: a cache HIT, a publish seen within 1 s with no
purge error, the http->https redirect without a loop, client addresses told apart by the
sign-in lockout, a backup restored into a second database (with this venv's Python and with
Debian's python3), the site still up with one app server killed, and `warta check --deploy`
clean (and failing for a wrong site address).

Needs: root (nginx binds its ports and drops to nobody), PostgreSQL and Redis on 127.0.0.1,
Debian's nginx with libnginx-mod-http-cache-purge (the Makefile installs them), trustme.
DEPLOY_CHECK_DATABASE and DEPLOY_CHECK_REDIS_DB name the throwaway database and Redis db.
"""

import http.client
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import trustme

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "deployment.md"
NGINX_SITE = ROOT / "deploy" / "nginx" / "warta.conf"
ENV_EXAMPLE = ROOT / "deploy" / "warta.env.example"
DEBIAN_PYTHON = Path("/usr/bin/python3")
DATABASE = os.environ.get("DEPLOY_CHECK_DATABASE", "warta_deploy_check")
DRILL_DATABASE = f"{DATABASE}_drill"
REDIS_DB = os.environ.get("DEPLOY_CHECK_REDIS_DB", "13")
PASSWORD = "uji-penerapan-" + secrets.token_hex(4)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


STARTED = time.monotonic()


def step(message):
    print(f"deploy-check [{time.monotonic() - STARTED:5.1f} s]: {message}", flush=True)


class Failed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failed(message)


class Swaps:
    """Exact replacements of the guide's paths and ports; each must match somewhere."""

    def __init__(self, pairs):
        self.pairs = pairs
        self.used = set()

    def __call__(self, text):
        for old, new in self.pairs:
            if old in text:
                self.used.add(old)
                text = text.replace(old, new)
        return text

    def unused(self):
        return [old for old, _ in self.pairs if old not in self.used]


def guide_blocks():
    """Return {name: commands} of the guide's marked blocks."""
    found = re.findall(r"<!-- deploy-check: (\w+) -->\n```\w*\n(.*?)```", GUIDE.read_text(), re.S)
    return {name: body.replace("\\\n", "") for name, body in found}


class Deployment:
    def __init__(self, prefix):
        self.prefix = prefix
        self.ports = {name: free_port() for name in ("app1", "app2", "http", "https", "purge")}
        self.env_file = prefix / "etc" / "warta.env"
        self.processes = {}
        self.logs = {}
        self.blocks = guide_blocks()
        expect(
            {"setup", "health", "serve", "check", "backup", "drill"} <= set(self.blocks),
            f"docs/deployment.md lost a marked block; it has {sorted(self.blocks)}",
        )
        ports = self.ports
        self.swaps = Swaps(
            [
                ("/etc/warta/warta.env", str(self.env_file)),
                ("/var/lib/warta", str(prefix / "var")),
                ("/var/backups/warta", str(prefix / "backups")),
                ("cd /srv/warta", f"cd {ROOT}"),
                # The check runs everything as the user that starts it (no warta user here).
                ("runuser -u warta -- ", ""),
                ("runuser -u postgres -- ", ""),
                ("install -d -m 700 -o warta -g warta", "install -d -m 700"),
                ("createdb --owner warta warta_drill", f"createdb {DRILL_DATABASE}"),
                ("dropdb warta_drill", f"dropdb {DRILL_DATABASE}"),
                (
                    "postgres://warta:secret@127.0.0.1:5432/warta_drill",
                    f"postgres://postgres@127.0.0.1:5432/{DRILL_DATABASE}",
                ),
                ("--port 8001", f"--port {ports['app1']}"),
                ("--port 8002", f"--port {ports['app2']}"),
                ("127.0.0.1:8001/", f"127.0.0.1:{ports['app1']}/"),
                ("127.0.0.1:8002/", f"127.0.0.1:{ports['app2']}/"),
            ]
        )
        self.base_url = f"https://127.0.0.1:{ports['https']}"
        self.ca = trustme.CA()
        self.ca_file = prefix / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        self.tls = self.ca.client_context() if hasattr(self.ca, "client_context") else None
        if self.tls is None:
            self.tls = ssl.create_default_context(cafile=str(self.ca_file))

    # The environment -------------------------------------------------------------------

    def shell_env(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("WARTA_", "DJANGO_", "PYTEST_"))
            and key not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY")
        }
        return env | {
            "PGHOST": "127.0.0.1",
            "PGUSER": "postgres",
            "SSL_CERT_FILE": str(self.ca_file),
        }

    def write_env_file(self):
        """Step 3: the example, filled in as an operator would (appended lines win)."""
        self.env_file.parent.mkdir(parents=True)
        filled = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "WARTA_ALLOWED_HOSTS": "127.0.0.1",
            "WARTA_BASE_URL": self.base_url,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "WARTA_CACHE_PREFIX": f"deploy-check-{DATABASE}",
            "WARTA_PURGE_URL": f"http://127.0.0.1:{self.ports['purge']}",
        }
        text = self.swaps(ENV_EXAMPLE.read_text())
        text += "\n# deploy-check\n" + "".join(f"{k}={v}\n" for k, v in filled.items())
        self.env_file.write_text(text)
        self.env_file.chmod(0o600)

    def run_block(self, name, swaps=None):
        commands = (swaps or self.swaps)(self.blocks[name])
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", commands],
            cwd=ROOT,
            env=self.shell_env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        output = done.stdout + done.stderr
        expect(done.returncode == 0, f"block {name!r} failed:\n{commands}\n{output[-3000:]}")
        expect("command not found" not in output, f"block {name!r}: {output[-2000:]}")
        return done.stdout, done.stderr

    def warta(self, *args, timeout=300):
        """Run .venv/bin/warta with the env file loaded, as the guide's blocks do."""
        command = f"set -a && . {self.env_file} && set +a && exec .venv/bin/warta " + shlex.join(
            args
        )
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=ROOT,
            env=self.shell_env() | {"DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return done

    def warta_process(self, *args):
        command = f"set -a && . {self.env_file} && set +a && exec .venv/bin/warta " + shlex.join(
            args
        )
        return subprocess.Popen(
            ["bash", "-c", command],
            cwd=ROOT,
            env=self.shell_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def python(self, code):
        done = self.warta("shell", "-c", code)
        expect(done.returncode == 0, f"warta shell failed:\n{done.stdout}{done.stderr}")
        return done

    # Services --------------------------------------------------------------------------

    def services(self):
        subprocess.run(["sh", str(ROOT / "scripts" / "services.sh")], check=True)
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
        for database in (DATABASE, DRILL_DATABASE):
            subprocess.run(
                psql + [f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'], check=True
            )
        subprocess.run(psql + [f'CREATE DATABASE "{DATABASE}"'], check=True)
        subprocess.run(["redis-cli", "-n", REDIS_DB, "FLUSHDB"], check=True, capture_output=True)

    def start_guide_processes(self):
        """Step 5 without systemd: each `... &` line of the guide, run in the background."""
        lines = [line.strip() for line in self.swaps(self.blocks["serve"]).splitlines()]
        prelude = [line for line in lines if line and not line.endswith("&")]
        background = [line.removesuffix("&").strip() for line in lines if line.endswith("&")]
        expect(
            len(background) == 3, f"the guide starts {background}, not two servers and a scheduler"
        )
        for name, command in zip(("app1", "app2", "scheduler"), background, strict=True):
            log = open(self.prefix / f"{name}.log", "w")  # noqa: SIM115 - closed at the end
            self.logs[name] = log
            self.processes[name] = subprocess.Popen(
                ["bash", "-c", " && ".join(prelude + [f"exec {command}"])],
                cwd=ROOT,
                env=self.shell_env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        for name in ("app1", "app2"):
            wait_for_port(self.ports[name], self.processes[name])

    def nginx_conf(self):
        """deploy/nginx/warta.conf with its edit-me values set, inside a master of its own."""
        ports, prefix = self.ports, self.prefix
        site = NGINX_SITE.read_text()
        certificate = self.ca.issue_cert("127.0.0.1")
        certificate.private_key_pem.write_to_path(str(prefix / "key.pem"))
        certificate.cert_chain_pems[0].write_to_path(str(prefix / "cert.pem"))
        edits = [
            (r"listen 80;[^\n]*\n\s*listen \[::\]:80;", f"listen 127.0.0.1:{ports['http']};"),
            (
                r"listen 443 ssl http2;[^\n]*\n\s*listen \[::\]:443 ssl http2;",
                f"listen 127.0.0.1:{ports['https']} ssl http2;",
            ),
            (r"/etc/letsencrypt/live/berita\.example/fullchain\.pem", str(prefix / "cert.pem")),
            (r"/etc/letsencrypt/live/berita\.example/privkey\.pem", str(prefix / "key.pem")),
            (r"/var/cache/nginx/warta", str(prefix / "cache" / "nginx" / "warta")),
            (r"server 127\.0\.0\.1:8001 ", f"server 127.0.0.1:{ports['app1']} "),
            (r"server 127\.0\.0\.1:8002 ", f"server 127.0.0.1:{ports['app2']} "),
            (r"/var/lib/warta/", f"{prefix}/var/"),
            (r"listen 127\.0\.0\.1:8080;", f"listen 127.0.0.1:{ports['purge']};"),
        ]
        for pattern, replacement in edits:
            site, count = re.subn(pattern, replacement, site)
            expect(count, f"deploy/nginx/warta.conf no longer has {pattern!r}")
        modules = "\n".join(
            f"include {path};" for path in sorted(Path("/etc/nginx/modules-enabled").glob("*.conf"))
        )
        temp = "\n".join(
            f"    {kind}_temp_path {prefix}/nginx-temp/{kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        return f"""{modules}
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    access_log {prefix}/nginx-access.log;
{temp}
{site}
}}
"""

    def start_nginx(self):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        (self.prefix / "cache" / "nginx").mkdir(parents=True)  # the guide's `mkdir -p`
        (self.prefix / "nginx-temp").mkdir()
        conf = self.prefix / "nginx.conf"
        conf.write_text(self.nginx_conf())
        self.nginx = [nginx, "-c", str(conf), "-e", str(self.prefix / "nginx-error.log")]
        test = subprocess.run(self.nginx + ["-t"], capture_output=True, text=True)
        expect(test.returncode == 0, f"nginx -t failed:\n{test.stderr}")
        subprocess.run(self.nginx, check=True)
        wait_for_port(self.ports["https"])

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        if getattr(self, "nginx", None):
            subprocess.run(self.nginx + ["-s", "quit"], capture_output=True)
        for log in self.logs.values():
            log.close()
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
        for database in (DATABASE, DRILL_DATABASE):
            subprocess.run(psql + [f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'])
        subprocess.run(["redis-cli", "-n", REDIS_DB, "FLUSHDB"], capture_output=True)

    # Requests through nginx ------------------------------------------------------------

    def request(
        self, path, scheme="https", source="127.0.0.1", method="GET", body=None, headers=None
    ):
        """Return (status, [(header, value)], text) of one request to nginx from `source`."""
        if scheme == "https":
            connection = http.client.HTTPSConnection(
                "127.0.0.1",
                self.ports["https"],
                context=self.tls,
                timeout=10,
                source_address=(source, 0),
            )
        else:
            connection = http.client.HTTPConnection(
                "127.0.0.1", self.ports["http"], timeout=10, source_address=(source, 0)
            )
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read().decode(errors="replace")
        finally:
            connection.close()


def header(headers, name):
    return [value for key, value in headers if key.lower() == name.lower()]


def wait_for_port(port, process=None, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise Failed(f"the process for port {port} ended with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise Failed(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


CREATE_ARTICLE = """
from wagtail.rich_text import RichText
from warta.news.models import ArticlePage, SectionPage
section = SectionPage.objects.live().order_by("path").first()
article = ArticlePage(title="Banjir surut di Medan", slug="banjir-surut-di-medan",
    body=[("paragraph", RichText("<p>Air mulai surut pagi ini.</p>"))])
section.add_child(instance=article)
article.save_revision().publish()
print(article.url)
"""

RETITLE = """
import time
from warta.news.models import ArticlePage
article = ArticlePage.objects.get(slug="banjir-surut-di-medan")
article.title = "Banjir surut, warga kembali ke rumah"
started = time.time()
article.save_revision().publish()
print(started, time.time())
"""


MAKE_PRIVATE = """
import time
from wagtail.models import PageViewRestriction
from warta.news.models import ArticlePage
article = ArticlePage.objects.get(slug="banjir-surut-di-medan")
started = time.time()
PageViewRestriction.objects.create(
    page=article, restriction_type=PageViewRestriction.PASSWORD, password="rahasia")
print(started, time.time())
"""


def check_cache_and_headers(deployment):
    status, headers, body = deployment.request("/")
    expect(status == 200, f"the home page through nginx answered {status}")
    expect("Berita Example" in body, "the site is not named as the env file says (quoting)")
    status, headers, _ = deployment.request("/")
    expect(header(headers, "X-Cache-Status") == ["HIT"], f"second request not a HIT: {headers}")
    expect(not header(headers, "X-Cache"), f"the app's stored X-Cache reached readers: {headers}")
    step('the home page is a cache HIT on the second request, named "Berita Example"')

    static = next((deployment.prefix / "var" / "static").rglob("*.css"))
    path = "/static/" + static.relative_to(deployment.prefix / "var" / "static").as_posix()
    status, headers, _ = deployment.request(path)
    expect(status == 200 and len(header(headers, "Cache-Control")) == 1, f"{path}: {headers}")
    expect(header(headers, "Strict-Transport-Security"), f"{path} has no HSTS")
    media = deployment.prefix / "var" / "media"
    (media / "documents").mkdir(parents=True, exist_ok=True)
    (media / "uji.txt").write_text("<script>alert(1)</script>")
    (media / "documents" / "rahasia.pdf").write_bytes(b"%PDF-1.4 rahasia")
    status, headers, _ = deployment.request("/media/uji.txt")
    expect(status == 200 and len(header(headers, "Cache-Control")) == 1, f"/media/: {headers}")
    expect(header(headers, "X-Content-Type-Options") == ["nosniff"], f"/media/: {headers}")
    expect("sandbox" in "".join(header(headers, "Content-Security-Policy")), f"/media/: {headers}")
    status, _, _ = deployment.request("/media/documents/rahasia.pdf")
    expect(status == 404, f"/media/documents/ served a document directly ({status})")
    step("/static/ and /media/ carry one Cache-Control; media: nosniff, CSP; no documents")


def check_redirect(deployment):
    status, headers, _ = deployment.request("/berita/?a=1", scheme="http")
    expect(status == 301, f"plain http answered {status}")
    expect(header(headers, "Location") == ["https://127.0.0.1/berita/?a=1"], f"{headers}")
    for _ in range(2):
        status, _, _ = deployment.request("/")
        expect(status == 200, f"https answered {status} after the http redirect (a loop)")
    step("http redirects to https, and https answers the page (no cached redirect loop)")


def check_publish(deployment):
    path = deployment.python(CREATE_ARTICLE).stdout.strip().splitlines()[-1]
    path = "/" + path.split("/", 3)[-1] if path.startswith("http") else path
    for _ in range(2):
        status, headers, body = deployment.request(path)
    expect(status == 200 and "Banjir surut di Medan" in body, f"{path} answered {status}")
    expect(header(headers, "X-Cache-Status") == ["HIT"], f"{path} not cached: {headers}")
    # Readers ask every 50 ms while the publish runs in its own process.
    publishing = deployment.warta_process("shell", "-c", RETITLE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        _, _, body = deployment.request(path)
        seen = time.time()
        if "warga kembali ke rumah" in body:
            break
        time.sleep(0.05)
    out, err = publishing.communicate(timeout=120)
    expect(publishing.returncode == 0, f"the publish failed: {out}{err}")
    expect("purge" not in (out + err).lower(), f"purge errors: {err}")
    started, published = map(float, out.strip().splitlines()[-1].split())
    expect(
        seen - published < 1,
        f"{path} showed the new title {seen - published:.2f} s after the publish ended "
        f"(it took {published - started:.2f} s)",
    )
    _, _, home = deployment.request("/")
    expect("warga kembali ke rumah" in home, "the home page still shows the old title")
    step(
        f"a publish ({published - started:.2f} s) shows through nginx "
        f"{max(0, seen - published):.2f} s after it ended; no purge error"
    )


def check_private(deployment):
    """A live article made private leaves every cached page that showed it within 1 s."""
    article = [p for p in deployment.request("/")[2].split('"') if "banjir-surut-di-medan" in p]
    expect(article, "the home page does not link the published article")
    path = "/" + article[0].split("/", 3)[-1] if article[0].startswith("http") else article[0]
    for _ in range(2):
        deployment.request(path)
        deployment.request("/")
    restricting = deployment.warta_process("shell", "-c", MAKE_PRIVATE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        _, _, body = deployment.request(path)
        _, _, home = deployment.request("/")
        seen = time.time()
        if "Air mulai surut" not in body and "warga kembali ke rumah" not in home:
            break
        time.sleep(0.05)
    out, err = restricting.communicate(timeout=120)
    expect(restricting.returncode == 0, f"the restriction failed: {out}{err}")
    _, restricted = map(float, out.strip().splitlines()[-1].split())
    expect(
        seen - restricted < 1,
        f"the public copy of {path} or the home page stayed {seen - restricted:.2f} s "
        "after the article was made private",
    )
    step(
        f"an article made private leaves the article and home pages {seen - restricted:.2f} s"
        " after the restriction was saved"
    )


def sign_in(deployment, source, password, forwarded=None):
    status, headers, body = deployment.request("/admin/login/", source=source)
    cookie = next(v for v in header(headers, "Set-Cookie") if v.startswith("csrftoken="))
    token = cookie.split(";")[0].split("=", 1)[1]
    form = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    extra = {"X-Forwarded-For": forwarded} if forwarded else {}
    status, _, _ = deployment.request(
        "/admin/login/",
        source=source,
        method="POST",
        body=urlencode({"csrfmiddlewaretoken": form, "username": "redaksi", "password": password}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={token}",
            "Origin": deployment.base_url,
            "Referer": deployment.base_url + "/admin/login/",
        }
        | extra,
    )
    return status


def check_client_addresses(deployment):
    done = deployment.warta(
        "createsuperuser", "--noinput", "--username", "redaksi", "--email", "r@berita.example"
    )
    expect(done.returncode == 0, done.stderr)
    stranger, editor = "127.0.0.2", "127.0.0.3"
    for _ in range(5):
        # A forged X-Forwarded-For does not move the stranger's failures onto the editor.
        sign_in(deployment, stranger, "salah-sandi", forwarded=editor)
    expect(sign_in(deployment, stranger, PASSWORD) == 429, "the stranger's address is not locked")
    expect(sign_in(deployment, editor, PASSWORD) == 302, "the editor was locked out too")
    step("five wrong passwords from 127.0.0.2 lock it; the editor signs in from 127.0.0.3")


def debian_venv(deployment):
    """A venv of Debian's python3 that runs this checkout with the project venv's packages."""
    folder = deployment.prefix / "debian-venv"
    subprocess.run([str(DEBIAN_PYTHON), "-m", "venv", "--without-pip", str(folder)], check=True)
    version = subprocess.run(
        [str(folder / "bin" / "python"), "-c", "import sys; print(sys.version.split()[0])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    purelib = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    site = next((folder / "lib").glob("python3*/site-packages"))
    (site / "warta-checkout.pth").write_text(f"import site; site.addsitedir({purelib!r})\n")
    # redis-py needs async-timeout before Python 3.11.3 only: the project venv lacks it.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(site)]
        + ["async-timeout>=4.0.3"],
        check=True,
    )
    script = folder / "bin" / "warta"
    script.write_text(f"#!{folder}/bin/python\nfrom warta.cli import main\nmain()\n")
    script.chmod(0o755)
    return script, version


def check_backup(deployment):
    deployment.run_block("backup")
    archives = list((deployment.prefix / "backups").glob("warta-*.tar.gz"))
    expect(len(archives) == 1, f"no archive in the backup folder: {archives}")
    expect(archives[0].stat().st_mode & 0o077 == 0, "the archive is readable by others")
    out, _ = deployment.run_block("drill")
    expect("live pages" in out and "Restored postgresql" in out, out)
    if DEBIAN_PYTHON.exists():
        script, version = debian_venv(deployment)
        swaps = Swaps(deployment.swaps.pairs + [(".venv/bin/warta restore", f"{script} restore")])
        out, _ = deployment.run_block("drill", swaps)
        expect("Restored postgresql" in out, out)
        step(f"backup (mode 600) restored into a second database with this Python and {version}")
    else:
        step("backup (mode 600) restored into a second database ({DEBIAN_PYTHON} is absent)")


def check_deploy_command(deployment):
    out, err = deployment.run_block("check")
    expect("no issues" in out + err, out + err)
    deployment.python(
        "from wagtail.models import Site; Site.objects.update(hostname='localhost', port=80)"
    )
    wrong = subprocess.run(
        ["bash", "-c", deployment.swaps(deployment.blocks["check"])],
        cwd=ROOT,
        env=deployment.shell_env(),
        capture_output=True,
        text=True,
    )
    expect(wrong.returncode != 0 and "warta.E101" in wrong.stdout + wrong.stderr, wrong.stderr)
    expect("warta.E102" in wrong.stdout + wrong.stderr, "the test purge did not fail")
    done = deployment.warta("init")
    expect(done.returncode == 0, done.stderr)
    step("`warta check --deploy` is clean, and fails for a wrong site address")


def check_one_server_down(deployment):
    process = deployment.processes["app1"]
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for number in range(10):
        status, headers, _ = deployment.request(f"/cari/?q=banjir{number}")  # never cached
        expect(status == 200, f"with one app server killed, a request answered {status}")
    step("app server 1 killed: uncached requests still answered 200 by the other")


def check_logs(deployment):
    expect(deployment.processes["scheduler"].poll() is None, "the scheduler has stopped")
    for name, log in deployment.logs.items():
        log.flush()
        text = (deployment.prefix / f"{name}.log").read_text()
        expect("Couldn't purge" not in text, f"{name} logged purge errors:\n{text[-2000:]}")
        expect("Traceback" not in text, f"{name} logged an error:\n{text[-3000:]}")
    step("the scheduler runs; no purge error or traceback in any log")


def main():
    started = time.monotonic()
    prefix = Path(tempfile.mkdtemp(prefix="warta-deploy-check-"))
    prefix.chmod(0o755)  # nginx's workers (nobody) read static and media files from here
    deployment = Deployment(prefix)
    try:
        deployment.services()
        deployment.write_env_file()
        _, err = deployment.run_block("setup")
        step("env example, migrate, init and collectstatic as the guide says")
        deployment.start_guide_processes()
        out, _ = deployment.run_block("health")
        expect(out == "ok\nok\n", f"the health URLs answered {out!r}")
        step("two app servers and the scheduler started; /healthz/ says ok on both")
        deployment.start_nginx()
        check_cache_and_headers(deployment)
        check_redirect(deployment)
        check_publish(deployment)
        check_private(deployment)
        check_client_addresses(deployment)
        check_backup(deployment)
        check_deploy_command(deployment)
        check_one_server_down(deployment)
        check_logs(deployment)
        unused = deployment.swaps.unused()
        expect(not unused, f"the guide no longer has {unused}: update SWAPS with it")
    except Failed as failure:
        print(f"deploy-check FAILED: {failure}\n(logs in {prefix})", file=sys.stderr)
        deployment.stop()
        return 1
    deployment.stop()
    shutil.rmtree(prefix, ignore_errors=True)
    step(f"all checks passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
