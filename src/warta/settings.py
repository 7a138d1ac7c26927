"""Warta's settings: every knob comes from the environment, with embedded defaults.

Development (the default) runs on a SQLite file and a local-memory cache under ./var/.
Production (WARTA_ENV=production) refuses to start without SECRET_KEY and WARTA_ALLOWED_HOSTS.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
# Parallel test workers (pytest-xdist's gw0, gw1, ...) clear caches and write files: each gets
# its own var folder and Redis database.
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
VAR_DIR = Path(os.environ.get("WARTA_VAR_DIR", "var")).resolve() / TEST_WORKER

WARTA_ENV = os.environ.get("WARTA_ENV", "development")
if WARTA_ENV not in ("development", "production"):
    raise ImproperlyConfigured("Set WARTA_ENV to 'development' or 'production'.")
PRODUCTION = WARTA_ENV == "production"


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def embedded_secret_key():
    """Read the development secret key from ./var/, generating it on first use."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set SECRET_KEY: production refuses to start without it.")
    SECRET_KEY = embedded_secret_key()

DEBUG = env_bool("WARTA_DEBUG", not PRODUCTION)

ALLOWED_HOSTS = env_list("WARTA_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Set WARTA_ALLOWED_HOSTS to the site's host names, comma-separated "
            "(for example 'berita.example,www.berita.example')."
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]

WARTA_BASE_URL = os.environ.get("WARTA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = WARTA_BASE_URL
CSRF_TRUSTED_ORIGINS = ["{0.scheme}://{0.netloc}".format(urlsplit(WARTA_BASE_URL))] + env_list(
    "WARTA_CSRF_TRUSTED_ORIGINS"
)

WARTA_SITE_NAME = os.environ.get("WARTA_SITE_NAME", "Warta")
WAGTAIL_SITE_NAME = WARTA_SITE_NAME

INSTALLED_APPS = [
    "warta.news",
    "warta.distribution",
    "warta.newsroom",
    "warta.delivery",
    "warta.demo",
    "warta.ingest",
    "warta.discovery",
    "warta.api",
    "warta.readership",
    "warta.wordpress",
    "warta.backup",
    "warta.security",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Monitors' probe of each app server: no Host, scheme, database or cache involved.
    "warta.delivery.health.HealthMiddleware",
    # First: a cached page costs no session and no query (docs/delivery.md).
    "warta.delivery.middleware.PageCacheMiddleware",
    # Inside the page cache: the policy is stored with each page and sent with every copy.
    "warta.security.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "warta.security.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "warta.wordpress.redirects.QueryRedirectMiddleware",
    "warta.delivery.middleware.DatabaseUnavailableMiddleware",
    "warta.news.middleware.SiteMiddleware",
    "warta.newsroom.storage.DiskFullMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "warta.urls"
WSGI_APPLICATION = "warta.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "warta.news.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'warta.sqlite3'}",
        conn_max_age=int(os.environ.get("WARTA_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # A database that is down must turn into the 503 page quickly, not a hung reader.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("WARTA_DB_CONNECT_TIMEOUT", "2")
    )
    if env_bool("WARTA_DB_PREPARED", True):
        # The same query shapes come back on every page: bound on the server and prepared
        # after a few runs, PostgreSQL plans each once per connection instead of every time
        # (planning cost more than running the article's query). Off behind a pooler that
        # cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
        DATABASES["default"]["OPTIONS"] |= {"server_side_binding": True, "prepare_threshold": 2}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers and the editor share one file: WAL lets reads continue while a page is saved.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # Seconds a write waits for another writer's lock before giving up (then: the 503 page).
        "timeout": float(os.environ.get("WARTA_SQLITE_TIMEOUT", "20")),
    }
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and TEST_WORKER.startswith("gw"):
    _redis = urlsplit(REDIS_URL)
    _database = int(_redis.path.strip("/") or 0) + int(TEST_WORKER[2:])
    REDIS_URL = urlunsplit(_redis._replace(path=f"/{_database}"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("WARTA_CACHE_PREFIX", "warta"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        },
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES["renditions"] = CACHES["default"] | {"TIMEOUT": 600}
# The page cache (docs/delivery.md) must be one for every worker: Redis, else files in ./var/.
CACHES["pages"] = (
    CACHES["default"]
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache" / "pages",
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }
)

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Warta's own strings first, then Warta's Indonesian for the Wagtail admin (docs/newsroom.md).
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "newsroom" / "locale_admin"]
TIME_ZONE = os.environ.get("WARTA_TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("WARTA_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("WARTA_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # Django's file storage, minus the partial file a full disk leaves behind.
    "default": {"BACKEND": "warta.newsroom.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
WHITENOISE_MAX_AGE = 31536000 if PRODUCTION else 0
WARTA_SERVE_MEDIA = env_bool("WARTA_SERVE_MEDIA", not PRODUCTION)

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("WARTA_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("WARTA_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's previews allow their own frame (SAMEORIGIN)

# Security headers, login throttling and two-factor sign-in (docs/security.md).
# Readers' pages: every script is a file of the site, so the policy needs no nonce and one
# cached copy serves every reader. Frames only from the video hosts that embeds use.
WARTA_CSP_FRAME_SRC = env_list(
    "WARTA_CSP_FRAME_SRC", "https://www.youtube.com,https://www.youtube-nocookie.com"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-src": ["'self'", *WARTA_CSP_FRAME_SRC],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The Wagtail admin still has inline scripts and styles; it frames its own previews.
WARTA_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": CONTENT_SECURITY_POLICY["DIRECTIVES"]
    | {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-ancestors": ["'self'"],
    },
}
WAGTAILADMIN_USER_LOGIN_FORM = "warta.newsroom.admin_login.NewsroomLoginForm"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # editors' e-mail hashes stay here
AUTHENTICATION_BACKENDS = [
    "warta.security.login.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed sign-ins lock the address they came from for a while, never the account itself:
# otherwise anyone could lock every editor out with five wrong passwords (docs/security.md).
AXES_FAILURE_LIMIT = int(os.environ.get("WARTA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("WARTA_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # shared by every app server
AXES_CLIENT_IP_CALLABLE = "warta.security.login.client_address"
AXES_LOCKOUT_CALLABLE = "warta.security.login.lockout_response"
AXES_ENABLE_ADMIN = False  # the Django admin is not mounted: `warta axes_reset_username`
OTP_TOTP_ISSUER = WARTA_SITE_NAME

WAGTAIL_I18N_ENABLED = False
# Search (docs/discovery.md): Warta stems Indonesian itself, so the database backend indexes
# its terms as they are ("simple"); WARTA_SEARCH_BACKEND may name OpenSearch/Elasticsearch.
WARTA_SEARCH_BACKEND = os.environ.get("WARTA_SEARCH_BACKEND", "wagtail.search.backends.database")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": WARTA_SEARCH_BACKEND}}
if WARTA_SEARCH_BACKEND.endswith(".database"):
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "simple"
elif os.environ.get("WARTA_SEARCH_URL"):
    WAGTAILSEARCH_BACKENDS["default"] |= {
        "URLS": env_list("WARTA_SEARCH_URL"),
        "INDEX": os.environ.get("WARTA_SEARCH_INDEX", "warta"),
    }
WARTA_SEARCH_ANALYSIS = env_bool("WARTA_SEARCH_ANALYSIS", True)
WARTA_SEARCH_RECENCY_WEIGHT = float(os.environ.get("WARTA_SEARCH_RECENCY_WEIGHT", "0.25"))
WARTA_SEARCH_RECENCY_HALF_LIFE_DAYS = float(
    os.environ.get("WARTA_SEARCH_RECENCY_HALF_LIFE_DAYS", "30")
)
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp", "gif": "webp", "bmp": "webp"}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
# Formats Pillow decodes and renditions serve; no SVG, which can carry script.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Refuses pixel bombs from their header and damaged files with a message (docs/security.md).
WAGTAILIMAGES_IMAGE_FORM_BASE = "warta.news.uploads.ImageForm"
# Uploads above this size go to a temporary file, not memory; other bodies are refused (400).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["bold", "italic", "link", "h2", "h3", "ol", "ul", "document-link"]
        },
    }
}

# What an article needs before it is published or approved, beside a body: "lead", "photo".
WARTA_PUBLISH_REQUIRES = env_list("WARTA_PUBLISH_REQUIRES")
# Blend shipped Indonesian word frequencies into a young archive's counts (docs/discovery.md).
WARTA_RELATED_BACKGROUND = env_bool("WARTA_RELATED_BACKGROUND", True)
# Where "Baca Juga" links go when the editor did not place them: after these paragraphs.
WARTA_BACA_JUGA_AFTER = tuple(
    int(n) for n in env_list("WARTA_BACA_JUGA_AFTER", "3,6") if n.isdigit()
)
WARTA_SECTIONS = env_list(
    "WARTA_SECTIONS", "Umum,Peristiwa,Nasional,Internasional,Ekonomi,Olahraga,Teknologi"
)

# Feeds, sitemaps and the page head (docs/distribution.md).
# URLs per article sitemap file: search engines accept at most 50,000.
WARTA_SITEMAP_PAGE_SIZE = int(os.environ.get("WARTA_SITEMAP_PAGE_SIZE", "50000"))
# The publisher logo in structured data: a static file, PNG or JPEG, at least 112x112 px.
WARTA_PUBLISHER_LOGO = os.environ.get("WARTA_PUBLISHER_LOGO", "distribution/logo.png")

# Wire ingest: feeds that become drafts (docs/ingest.md).
# host:port pairs that ingest may fetch even on private addresses (an internal wire, tests).
WARTA_INGEST_ALLOW_HOSTS = env_list("WARTA_INGEST_ALLOW_HOSTS")
# PEM file of the certificate authorities https feeds must chain to; empty: the system's store.
WARTA_INGEST_CA_BUNDLE = os.environ.get("WARTA_INGEST_CA_BUNDLE", "")
WARTA_INGEST_TRANSLATOR = {
    "BACKEND": os.environ.get("WARTA_TRANSLATOR", "none"),
    "URL": os.environ.get("WARTA_TRANSLATOR_URL", ""),
    "API_KEY": os.environ.get("WARTA_TRANSLATOR_API_KEY", ""),
}

# Delivery: page cache, HTTP caching and purge on publish (docs/delivery.md).
WARTA_PAGE_CACHE = env_bool("WARTA_PAGE_CACHE", True)
WARTA_PAGE_CACHE_TTL = int(os.environ.get("WARTA_PAGE_CACHE_TTL", "30"))
WARTA_PAGE_CACHE_STALE = int(os.environ.get("WARTA_PAGE_CACHE_STALE", "86400"))
WARTA_PAGE_CACHE_WAIT = float(os.environ.get("WARTA_PAGE_CACHE_WAIT", "2"))
WARTA_PAGE_CACHE_MAX_BYTES = int(os.environ.get("WARTA_PAGE_CACHE_MAX_BYTES", "8388608"))
# Megabytes of pages each `warta serve` process also holds in memory when Redis is the page cache.
WARTA_PAGE_MEMORY_MB = float(os.environ.get("WARTA_PAGE_MEMORY_MB", "64"))
WARTA_PAGE_MEMORY_SECONDS = float(os.environ.get("WARTA_PAGE_MEMORY_SECONDS", "10"))
WARTA_CACHE_MAX_AGE = int(os.environ.get("WARTA_CACHE_MAX_AGE", "60"))
WARTA_CACHE_S_MAXAGE = int(os.environ.get("WARTA_CACHE_S_MAXAGE", "300"))
WARTA_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("WARTA_CACHE_STALE_WHILE_REVALIDATE", "60"))
WAGTAILFRONTENDCACHE = {"pages": {"BACKEND": "warta.delivery.backends.PageCacheBackend"}}
if os.environ.get("WARTA_PURGE_URL"):
    # nginx with the cache-purge module (deploy/nginx/warta.conf), or another HTTP cache.
    WAGTAILFRONTENDCACHE["front"] = {
        "BACKEND": "warta.delivery.frontcache.NginxPurgeBackend",
        "LOCATION": os.environ["WARTA_PURGE_URL"],
    }

# Workflow e-mail (docs/newsroom.md). Development without a mail server sends none and says so
# once; production sends through WARTA_EMAIL_HOST (default: the local MTA).
EMAIL_HOST = os.environ.get("WARTA_EMAIL_HOST", "" if not PRODUCTION else "localhost")
if EMAIL_HOST:
    EMAIL_PORT = int(os.environ.get("WARTA_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("WARTA_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("WARTA_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("WARTA_EMAIL_TLS", False)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "warta.newsroom.mail.MailOffBackend"
DEFAULT_FROM_EMAIL = os.environ.get("WARTA_EMAIL_FROM", "redaksi@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WARTA_LOG_LEVEL", "WARNING")},
    # What `warta scheduler` published and ran, with delays: an operator's first question.
    "loggers": {"warta.newsroom.schedule": {"level": "INFO"}},
}

# Callables that `warta scheduler` runs on every tick (dotted paths).
WARTA_SCHEDULER_JOBS = [
    "warta.ingest.runs.poll_due_sources",
]

# Read API for apps and partners (docs/api.md).
# Requests per client address: 'N/second|minute|hour|day', or 'off'.
WARTA_API_RATE_LIMIT = os.environ.get("WARTA_API_RATE_LIMIT", "120/minute")
# Seconds apps and CDNs may reuse an answer (Cache-Control max-age).
WARTA_API_MAX_AGE = int(os.environ.get("WARTA_API_MAX_AGE", "60"))
# Reverse proxies in front of Warta that append the client's address to X-Forwarded-For.
WARTA_PROXY_COUNT = int(os.environ.get("WARTA_PROXY_COUNT", "0"))
