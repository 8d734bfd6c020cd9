"""Settings: every one read from the environment, with an embedded default for `make run`."""
import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lms.dates import DATE_STYLES, DEFAULT_TIME_ZONE
from lms.instance import PROJECT_ROOT, write_once
from lms.paper import DEFAULT_PAPER, PAPER_SIZES


def _secret_key(instance_path: Path, production: bool) -> str:
    """SECRET_KEY from the environment; in development, one generated once into instance/."""
    key = os.environ.get("SECRET_KEY")
    if production and not key:
        raise RuntimeError("SECRET_KEY must be set in the environment in production.")
    if key:
        return key
    return write_once(instance_path / "secret_key", secrets.token_hex(32)).strip()


# --- Production rules (security review F4, F10) ---------------------------------------------
# A key that signs every session must resist offline guessing from any cookie.
MIN_SECRET_KEY_LENGTH = 32
MIN_SECRET_KEY_DISTINCT = 12
GENERATE_KEY = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


def check_production(config) -> None:
    """Refuse to start a production app that would be unsafe; raises RuntimeError saying why."""
    if config.get("FILE_STORAGE") == "s3" and not config.get("S3_BUCKET"):
        raise RuntimeError("FILE_STORAGE=s3 needs S3_BUCKET: the bucket that holds certificates, "
                           "handouts and images.")
    if not config.get("SESSION_COOKIE_SECURE"):  # i.e. not LMS_ENV=production
        return
    key = config["SECRET_KEY"]
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_DISTINCT:
        raise RuntimeError(f"SECRET_KEY is too weak for production: use at least "
                           f"{MIN_SECRET_KEY_LENGTH} random characters, e.g. {GENERATE_KEY}")
    if config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        raise RuntimeError("RATELIMIT_STORAGE_URI is memory:// in production: each web process "
                           "would keep its own counts. Point it at Redis (redis://host:6379/1).")


def _production_cookie_names(production: bool) -> dict:
    """__Host- names when cookies are Secure: the browser then keeps them only for this exact
    host and path /, so a sibling subdomain can neither read nor plant them."""
    if not production:
        return {"GUEST_COOKIE_NAME": "guest", "DEVICE_COOKIE_NAME": "device"}
    return {"SESSION_COOKIE_NAME": "__Host-session", "REMEMBER_COOKIE_NAME": "__Host-remember",
            "GUEST_COOKIE_NAME": "__Host-guest", "DEVICE_COOKIE_NAME": "__Host-device"}


def _words(value: str | None) -> list[str]:
    return [word for word in (value or "").replace(",", " ").split() if word]


def background_work_settings(env) -> dict:
    """Faults: how quickly lost work is found again, how long retries go on, how long a request
    may wait on the broker. Every fault should recover by itself within about 90 s."""
    return {
        # A render not finished this long after it was last queued or tried is taken as lost
        # (message gone with the broker, worker killed) and queued again by the sweep. Also
        # Redis's visibility timeout, so a message held by a dead worker comes back as soon.
        # Must exceed the longest retry delay, or the sweep would chase live retries.
        "CERTIFICATE_STUCK_SECONDS": float(env("CERTIFICATE_STUCK_SECONDS", "60")),
        # Retries of a failed render or email: delays double from FIRST up to MAX, for at least
        # WINDOW seconds in all, then the failure stays recorded (and the sweep tries again).
        "RETRY_FIRST_SECONDS": float(env("RETRY_FIRST_SECONDS", "2")),
        "RETRY_MAX_SECONDS": float(env("RETRY_MAX_SECONDS", "30")),
        "RETRY_WINDOW_SECONDS": float(env("RETRY_WINDOW_SECONDS", "600")),
        # Longest a request waits to hand work to the broker; the work is in the database and
        # the sweep catches up, so a frozen broker costs a page at most this much.
        "BROKER_TIMEOUT_SECONDS": float(env("BROKER_TIMEOUT_SECONDS", "1")),
        # Stored PDFs: readable by the group, so web processes under another user can serve them.
        "CERTIFICATE_FILE_MODE": int(env("CERTIFICATE_FILE_MODE", "640"), 8),
    }


def webhook_settings(env) -> dict:
    """Webhooks (lms/webhooks, docs/INTEGRATIONS.md): where they may go, how long a receiver
    may take, how many times a delivery is tried."""
    return {
        # "1": receivers on private, loopback or link-local addresses, and plain http, are
        # allowed (a receiver on this machine or network; the tests). Off in production.
        "WEBHOOKS_ALLOW_PRIVATE": env("WEBHOOKS_ALLOW_PRIVATE", "0") == "1",
        # Attempts in all before a delivery is marked failed (an admin can replay it); the
        # delays between them are the shared retry policy's (RETRY_FIRST_SECONDS doubling up
        # to RETRY_MAX_SECONDS), about 6 minutes for 16 attempts at the defaults.
        "WEBHOOKS_ATTEMPTS": int(env("WEBHOOKS_ATTEMPTS", "16")),
        # Seconds to connect, and to wait for the receiver's answer.
        "WEBHOOKS_CONNECT_TIMEOUT": float(env("WEBHOOKS_CONNECT_TIMEOUT", "3")),
        "WEBHOOKS_READ_TIMEOUT": float(env("WEBHOOKS_READ_TIMEOUT", "5")),
    }


def locale_settings(env) -> dict:
    """Paper, date style and time zone (docs/i18n.md): US conventions by default. A setting
    that cannot work stops the app at start, saying why, rather than the first PDF or page."""
    paper = env("PAPER_SIZE", DEFAULT_PAPER).strip().lower()
    if paper not in PAPER_SIZES:
        raise RuntimeError(f"PAPER_SIZE must be one of {', '.join(PAPER_SIZES)}, not {paper!r}.")
    zone = env("ORGANISATION_TIME_ZONE", DEFAULT_TIME_ZONE)
    try:
        ZoneInfo(zone)
    except (ValueError, ZoneInfoNotFoundError):
        raise RuntimeError(f"ORGANISATION_TIME_ZONE {zone!r} is not a time zone of the tz "
                           "database, e.g. America/New_York or America/Chicago.") from None
    styles = {language: (env(f"DATE_STYLE_{language.upper()}", plain),
                         env(f"DATE_STYLE_{language.upper()}_WEEKDAY", weekday))
              for language, (plain, weekday) in DATE_STYLES.items()}
    return {"PAPER_SIZE": paper, "ORGANISATION_TIME_ZONE": zone, "DATE_STYLES": styles}


def _pool_size(env) -> dict:
    """Database connections each process keeps (DATABASE_POOL_SIZE) and may open beyond them
    under a burst (DATABASE_MAX_OVERFLOW); SQLAlchemy's 5 and 10 unless set (docs/DEPLOYMENT.md
    says how to size them against the server's connection limit)."""
    return {option: int(env(name)) for name, option in (("DATABASE_POOL_SIZE", "pool_size"),
                                                        ("DATABASE_MAX_OVERFLOW", "max_overflow"))
            if env(name)}


def settings_from_env(instance_path: Path) -> dict:
    """Build the app's configuration from os.environ."""
    env = os.environ.get
    production = env("LMS_ENV", "development") == "production"
    broker_dir = instance_path / "broker"
    public_base_url = env("PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    session_idle = int(env("SESSION_IDLE_TIMEOUT", str(12 * 60 * 60)))
    remember_idle = int(env("REMEMBER_IDLE_TIMEOUT", str(14 * 24 * 60 * 60)))
    return {
        "SECRET_KEY": _secret_key(instance_path, production),
        "SQLALCHEMY_DATABASE_URI": env(
            "DATABASE_URL", f"sqlite:///{instance_path / 'lms.sqlite3'}"
        ),
        # No pre-ping: lms/database.discard_closed_connections checks each checkout without a
        # round trip.
        "SQLALCHEMY_ENGINE_OPTIONS": {**_pool_size(env)},
        # One folder per course (modules/<course>/course.yaml ...): `make run` imports each.
        "COURSES_DIR": env("COURSES_DIR", str(PROJECT_ROOT / "modules")),
        # The organisation whose portal this is: the site's name, the certificates' issuer
        # and the Open Badges issuer profile (never a course's title).
        "ORGANISATION_NAME": env("ORGANISATION_NAME", "Restraint and Seclusion Course Team"),
        "ORGANISATION_URL": env("ORGANISATION_URL", public_base_url),
        "ORGANISATION_DONATE_URL": env("ORGANISATION_DONATE_URL"),
        "ORGANISATION_PRIVACY_URL": env("ORGANISATION_PRIVACY_URL"),
        # The organisation's logo: a path on this site (the CSP allows images from it only),
        # e.g. /static/logo.svg; shown beside the site's name and in the issuer profile.
        "ORGANISATION_LOGO_URL": env("ORGANISATION_LOGO_URL"),
        "SITE_NAME": env("SITE_NAME", "Online Training Portal"),
        "SITE_NAME_ES": env("SITE_NAME_ES", "Portal de formación en línea"),
        "SITE_SHORT_NAME": env("SITE_SHORT_NAME", "Training"),
        # Empty: the pages say what the portal is in the reader's language.
        "SITE_DESCRIPTION": env("SITE_DESCRIPTION", ""),
        # Published course snapshots one process keeps (two languages a course).
        "SNAPSHOT_CACHE_SIZE": int(env("SNAPSHOT_CACHE_SIZE", "128")),
        # How long a web process answers which courses there are and their published versions
        # from memory: a publish made elsewhere shows within this time (the publishing process
        # shows it at once). 0: read them on every request (docs/performance.md).
        "PUBLISHED_CHECK_SECONDS": float(env("PUBLISHED_CHECK_SECONDS", "1")),
        # Absolute base of links that leave the site: emails, and the verify URL printed on PDFs.
        "PUBLIC_BASE_URL": public_base_url,
        # Requests for any other host are refused, so a forged Host header cannot reach the app
        # (emailed links are built from PUBLIC_BASE_URL, never from the request, in any case).
        "TRUSTED_HOSTS": _words(env("TRUSTED_HOSTS"))
        or ([urlsplit(public_base_url).hostname] if production else None),
        # Behind a reverse proxy: how many proxies set X-Forwarded-For / -Proto (0 = none).
        "PROXY_FIX_X_FOR": int(env("PROXY_FIX_X_FOR", "0")),
        "PROXY_FIX_X_PROTO": int(env("PROXY_FIX_X_PROTO", "0")),
        # The LTI tool's RSA private key (PEM). Unset: one is made on first use and kept in the
        # database (docs/INTEGRATIONS.md, "LTI"), the same for every host.
        "LTI_PRIVATE_KEY": env("LTI_PRIVATE_KEY", "").replace("\\n", "\n") or None,
        # Longest wait on a platform (its public keys at launch, its grade service).
        "LTI_HTTP_TIMEOUT_SECONDS": float(env("LTI_HTTP_TIMEOUT_SECONDS", "5")),
        "CERTIFICATE_DIR": env("CERTIFICATE_DIR", str(instance_path / "certificates")),
        # Stored files (lms/storage): the instance folder, or an S3-compatible bucket. With s3,
        # credentials come from the standard AWS variables; S3_ENDPOINT_URL is empty for AWS.
        "FILE_STORAGE": env("FILE_STORAGE", "filesystem"),
        "S3_BUCKET": env("S3_BUCKET", ""),
        "S3_ENDPOINT_URL": env("S3_ENDPOINT_URL", ""),
        "S3_REGION": env("S3_REGION", env("AWS_DEFAULT_REGION", "us-east-1")),
        # Seconds, and attempts in all: a store that is down or hangs costs a page about 5 s
        # at most (a 503 saying so), never a worker stuck for minutes.
        "S3_CONNECT_TIMEOUT": float(env("S3_CONNECT_TIMEOUT", "1")),
        "S3_READ_TIMEOUT": float(env("S3_READ_TIMEOUT", "2")),
        "S3_MAX_ATTEMPTS": int(env("S3_MAX_ATTEMPTS", "2")),
        # Ed25519 keys that sign the Open Badges credentials (lms/certificates/keys.py): from
        # the environment in production, else generated once into CERTIFICATE_KEY_DIR.
        "CERTIFICATE_SIGNING_KEYS": env("CERTIFICATE_SIGNING_KEYS"),
        "CERTIFICATE_KEY_DIR": str(instance_path / "signing-keys"),
        # How long after revoking a certificate an admin may reinstate it (with a reason).
        "CERTIFICATE_REINSTATE_DAYS": int(env("CERTIFICATE_REINSTATE_DAYS", "30")),
        "OUTBOX_DIR": str(instance_path / "outbox"),
        "MAIL_SERVER": env("MAIL_SERVER"),
        "MAIL_PORT": int(env("MAIL_PORT", "587")),
        "MAIL_USE_TLS": env("MAIL_USE_TLS", "1") == "1",
        "MAIL_USERNAME": env("MAIL_USERNAME"),
        "MAIL_PASSWORD": env("MAIL_PASSWORD"),
        "MAIL_DEFAULT_SENDER": env("MAIL_DEFAULT_SENDER", "course@localhost"),
        "CONTACT_EMAIL": env("CONTACT_EMAIL", "course@localhost"),
        # Most reminders of each kind one beat run sends; the next run sends the rest.
        "REMINDER_BATCH": int(env("REMINDER_BATCH", "200")),
        # Rate limits. memory:// counts per process, so production must share a Redis.
        "RATELIMIT_STORAGE_URI": env("RATELIMIT_STORAGE_URI", "memory://"),
        # Redis down or frozen must not take log-in down: count in memory meanwhile (logged),
        # and give up on a silent Redis within a quarter of a second: a request may meet it
        # twice (a count, then a health check while in fallback) besides the broker's second,
        # and the docs promise about a second in all (D10).
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_STORAGE_OPTIONS": {"socket_timeout": 0.25, "socket_connect_timeout": 0.25},
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": env("LOGIN_RATE_LIMIT", "10 per minute;50 per hour"),
        # Per account (the email typed, or the signed-in user), whatever the address: guesses
        # spread over many machines, and mail sent to one inbox.
        "ACCOUNT_RATE_LIMIT": env("ACCOUNT_RATE_LIMIT", "10 per minute;30 per hour"),
        "VERIFY_RATE_LIMIT": env("VERIFY_RATE_LIMIT", "30 per minute;300 per hour"),
        # Checking an uploaded PDF or credential (hashing up to 5 MB, a signature check).
        "VERIFY_FILE_RATE_LIMIT": env("VERIFY_FILE_RATE_LIMIT", "10 per minute;60 per hour"),
        # The issuer profile, its keys, credential status and credential downloads.
        "CREDENTIAL_RATE_LIMIT": env("CREDENTIAL_RATE_LIMIT", "60 per minute;600 per hour"),
        # Quiz submissions per learner: retries stay unlimited in practice, floods do not.
        "QUIZ_RATE_LIMIT": env("QUIZ_RATE_LIMIT", "20 per minute;300 per day"),
        # New guest records (a visitor's first step kept on their device) per client address:
        # enough for a family or a library behind one address, not for filling the table.
        "GUEST_RATE_LIMIT": env("GUEST_RATE_LIMIT", "10 per minute;100 per day"),
        # Invitations an admin sends (lms/admin/invites.py): form posts and CSV uploads per
        # admin, and invitations per admin in any 24 hours (counted in the audit log).
        "INVITE_RATE_LIMIT": env("INVITE_RATE_LIMIT", "30 per minute;300 per day"),
        "INVITE_FILE_RATE_LIMIT": env("INVITE_FILE_RATE_LIMIT", "5 per minute;30 per day"),
        "INVITATIONS_PER_DAY": int(env("INVITATIONS_PER_DAY", "2000")),
        # The JSON API (lms/api): requests per API key, and per learner's personal tokens.
        "API_RATE_LIMIT": env("API_RATE_LIMIT", "120 per minute;5000 per hour"),
        # Web origins whose pages may read the API from a browser (CORS); none unless named.
        "API_CORS_ORIGINS": _words(env("API_CORS_ORIGINS")),
        # A guest's progress (and its cookie) is deleted after this many days without a visit.
        "GUEST_IDLE_DAYS": int(env("GUEST_IDLE_DAYS", "90")),
        # Lesson views without an account are counted in memory and written this often (one
        # upsert per process; lms/reports/reading.py). 0: only when a report page asks.
        "READING_FLUSH_SECONDS": float(env("READING_FLUSH_SECONDS", "60")),
        # OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1 (docs/OPERATIONS.md,
        # "Password hashing"). Older hashes are redone at their owner's next log-in.
        "ARGON2_TIME_COST": int(env("ARGON2_TIME_COST", "2")),
        "ARGON2_MEMORY_COST": int(env("ARGON2_MEMORY_COST", str(19 * 1024))),
        "ARGON2_PARALLELISM": int(env("ARGON2_PARALLELISM", "1")),
        "PASSWORD_RESET_MAX_AGE": int(env("PASSWORD_RESET_MAX_AGE", str(60 * 60))),
        # Sessions (lms/auth/sessions.py): each ends at log-out, or after this long unused.
        "SESSION_IDLE_TIMEOUT": session_idle,
        "REMEMBER_IDLE_TIMEOUT": remember_idle,
        # The remember-me cookie lasts no longer than an idle remembered session. (Not refreshed
        # on each request: Flask-Login would then give one to users who did not ask for it.)
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=remember_idle),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        **_production_cookie_names(production),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        **locale_settings(env),
        **background_work_settings(env),
        **webhook_settings(env),
        "CELERY": {
            "broker_url": env("CELERY_BROKER_URL", "filesystem://"),
            "broker_transport_options": {
                "data_folder_in": str(broker_dir / "queue"),
                "data_folder_out": str(broker_dir / "queue"),
                "processed_folder": str(broker_dir / "processed"),
                # Fanout exchanges (celery's control/pidbox); kombu's default is ./control.
                "control_folder": str(broker_dir / "control"),
                "store_processed": False,
            },
            "task_ignore_result": True,
            "task_serializer": "json",
            "accept_content": ["json"],
            "task_acks_late": True,
            "task_reject_on_worker_lost": True,
            "worker_prefetch_multiplier": 1,
            # "include" (every module that defines tasks) is lms.celery_app.TASK_MODULES.
            "beat_schedule": {
                # Renders whose message was lost (broker down at completion, worker killed).
                "requeue-stuck-certificates": {
                    "task": "lms.certificates.tasks.requeue_stuck_certificates",
                    "schedule": float(env("CERTIFICATE_SWEEP_SECONDS", "20")),
                },
                # Webhook deliveries whose message was lost (the same faults as renders).
                "requeue-stuck-webhook-deliveries": {
                    "task": "lms.webhooks.tasks.requeue_stuck_deliveries",
                    "schedule": float(env("CERTIFICATE_SWEEP_SECONDS", "20")),
                },
                # Emailed links hold a name, an email and a password hash until used: keep none
                # of them once expired.
                "purge-expired-email-links": {
                    "task": "lms.auth.tasks.purge_expired_email_links",
                    "schedule": 3600.0,
                },
                "purge-unapplied-imports": {
                    "task": "lms.authoring.tasks.purge_unapplied_imports",
                    "schedule": 3600.0,
                },
                # Sessions ended by idleness or a new password: the rows serve no one.
                "purge-ended-sessions": {
                    "task": "lms.auth.tasks.purge_ended_sessions",
                    "schedule": 3600.0,
                },
                # Guest progress not visited for GUEST_IDLE_DAYS (it holds no personal data,
                # but no one is coming back for it).
                "purge-idle-guests": {
                    "task": "lms.progress.tasks.purge_idle_guests",
                    "schedule": 3600.0,
                },
                # Gentle course reminders and meeting reminders that are due (docs/reminders.md).
                "send-reminders": {
                    "task": "lms.reminders.tasks.send_reminders",
                    "schedule": float(env("REMINDER_SWEEP_SECONDS", "3600")),
                },
            },
            "beat_schedule_filename": str(instance_path / "celerybeat-schedule"),
        },
    }
