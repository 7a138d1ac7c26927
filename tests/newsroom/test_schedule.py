"""Scheduled publishing: the scheduler publishes on time, missed go-lives are reported."""

from datetime import timedelta
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from warta.news.models import ArticlePage

from .newsroom import make_draft, make_newsroom

CALLS = []


def record_job():
    CALLS.append("ran")


def broken_job():
    raise RuntimeError("feed down")


def clock(offset):
    """Patch Django's clock to run `offset` ahead of the real one."""
    real_now = timezone.now
    return mock.patch("django.utils.timezone.now", lambda: real_now() + offset)


class ScheduleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.umum, cls.intl, cls.people = make_newsroom()

    def schedule(self, title, minutes_ahead):
        draft, _ = make_draft(self.umum, self.people["ani"], title)
        draft.go_live_at = timezone.now() + timedelta(minutes=minutes_ahead)
        draft.save_revision(user=self.people["citra"]).publish(user=self.people["citra"])
        return ArticlePage.objects.get(pk=draft.pk)

    def check_schedule(self):
        out = StringIO()
        try:
            call_command("check-schedule", stdout=out)
        except SystemExit as exit:
            return exit.code, out.getvalue()
        return 0, out.getvalue()

    def test_scheduled_article_waits_then_goes_live_when_time_moves_forward(self):
        article = self.schedule("Hasil pemilu diumumkan", 30)
        self.assertFalse(article.live)
        call_command("scheduler", "--once", stdout=StringIO())
        self.assertFalse(ArticlePage.objects.get(pk=article.pk).live)
        with clock(timedelta(minutes=31)):
            call_command("scheduler", "--once", stdout=StringIO())
        article = ArticlePage.objects.get(pk=article.pk)
        self.assertTrue(article.live)
        # The spent go-live time is cleared, on the page and in the revision the editor reopens.
        self.assertIsNone(article.go_live_at)
        self.assertIsNone(article.get_latest_revision_as_object().go_live_at)

    def test_check_schedule_reports_a_go_live_missed_by_more_than_two_minutes(self):
        self.schedule("Embargo laporan BPS", 10)
        with clock(timedelta(minutes=11)):
            code, out = self.check_schedule()
        self.assertEqual(code, 0, out)  # one minute late: the scheduler may still be on its way
        with clock(timedelta(minutes=15)):
            code, out = self.check_schedule()
        self.assertEqual(code, 1)
        self.assertIn("Embargo laporan BPS", out)
        self.assertIn("warta scheduler", out)
        with clock(timedelta(minutes=15)):
            call_command("scheduler", "--once", stdout=StringIO())
            self.assertEqual(self.check_schedule()[0], 0)

    def test_dashboard_warns_editors_of_missed_schedules(self):
        self.schedule("Rilis inflasi terlambat", 5)
        with clock(timedelta(minutes=10)):
            self.client.force_login(self.people["citra"])
            page = self.client.get("/admin/").content.decode()
            self.assertIn("Jadwal terlewat", page)
            self.assertIn("Rilis inflasi terlambat", page)
            self.client.force_login(self.people["ani"])
            self.assertNotIn("Jadwal terlewat", self.client.get("/admin/").content.decode())

    def test_scheduled_panel_lists_the_go_live_time(self):
        self.schedule("Pengumuman kabinet", 60)
        self.client.force_login(self.people["citra"])
        page = self.client.get("/admin/").content.decode()
        self.assertIn("Terjadwal", page)
        self.assertIn("Pengumuman kabinet", page)

    @override_settings(WARTA_SCHEDULER_JOBS=[f"{__name__}.broken_job", f"{__name__}.record_job"])
    def test_scheduler_runs_configured_jobs_and_a_failing_one_stops_nothing(self):
        CALLS.clear()
        article = self.schedule("Laga final", 1)
        with clock(timedelta(minutes=2)), self.assertLogs("warta.newsroom.schedule", "ERROR"):
            call_command("scheduler", "--once", stdout=StringIO(), stderr=StringIO())
        self.assertEqual(CALLS, ["ran"])
        self.assertTrue(ArticlePage.objects.get(pk=article.pk).live)

    @override_settings(WARTA_SCHEDULER_JOBS=["warta.nowhere.poll"])
    def test_a_bad_job_path_names_the_setting_to_fix(self):
        with self.assertRaisesMessage(ImportError, "WARTA_SCHEDULER_JOBS"):
            call_command("scheduler", "--once", stdout=StringIO())
