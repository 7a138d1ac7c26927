"""The scheduler says what it did: each publish and job at INFO; mail that is off says so once."""

import logging
import os
import subprocess
import sys
from datetime import timedelta

from django.core import mail
from django.test import TestCase, override_settings
from django.utils import timezone

from warta.news.models import ArticlePage
from warta.newsroom import mail as warta_mail
from warta.newsroom.schedule import run_due_work, seconds_to_next_tick

from .newsroom import make_draft, make_newsroom
from .test_schedule import clock


class SchedulerLogTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()

    def test_each_publish_and_job_is_logged_with_the_article_and_its_delay(self):
        draft, _ = make_draft(self.umum, self.people["ani"], "Sidang kabinet dimulai")
        draft.go_live_at = timezone.now() + timedelta(minutes=5)
        draft.save_revision(user=self.people["citra"]).publish(user=self.people["citra"])
        with (
            clock(timedelta(minutes=5, seconds=12)),
            self.assertLogs("warta.newsroom.schedule", logging.INFO) as logs,
        ):
            run_due_work(jobs=[])
        self.assertTrue(ArticlePage.objects.get(pk=draft.pk).live)
        published = [line for line in logs.output if "Published" in line]
        self.assertEqual(len(published), 1, logs.output)
        self.assertIn("Sidang kabinet dimulai", published[0])
        self.assertIn(f"page {draft.pk}", published[0])
        self.assertRegex(published[0], r", 1[2-9] s late")
        self.assertTrue(any("job publish_scheduled ran" in line for line in logs.output))

    def test_the_scheduler_wakes_on_the_minute(self):
        minute = 60 * 28_333_333  # a whole minute on the clock
        self.assertEqual(seconds_to_next_tick(60, now=minute + 59), 2)
        self.assertEqual(seconds_to_next_tick(60, now=minute + 40), 21)
        self.assertEqual(seconds_to_next_tick(5, now=123.4), 5)


class MailOffTests(TestCase):
    @override_settings(EMAIL_BACKEND="warta.newsroom.mail.MailOffBackend")
    def test_mail_that_is_off_says_so_once_and_raises_nothing(self):
        warta_mail._told.clear()
        with self.assertLogs("warta.newsroom.mail", logging.WARNING) as logs:
            for n in range(3):
                mail.send_mail(f"Tugas {n}", "Isi", "redaksi@example.com", ["ani@example.com"])
        self.assertEqual(len(logs.output), 1)
        self.assertIn("WARTA_EMAIL_HOST", logs.output[0])

    def test_development_does_not_try_smtp_without_a_mail_host(self):
        code = (
            "import django; from django.conf import settings as s; "
            "django.setup(); print(s.EMAIL_BACKEND)"
        )
        env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "warta.settings"}
        env["WARTA_VAR_DIR"] = os.environ.get("WARTA_VAR_DIR", "var")
        backend = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        self.assertEqual(backend, "warta.newsroom.mail.MailOffBackend")
        with_host = subprocess.run(
            [sys.executable, "-c", code],
            env=env | {"WARTA_EMAIL_HOST": "mail.example.com"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        self.assertEqual(with_host, "django.core.mail.backends.smtp.EmailBackend")
