"""Admin sign-in: throttled per address, never locking an account out elsewhere."""

from django.conf import settings
from django.test import Client, TestCase, override_settings

from tests.security.editors import PASSWORD, make_superuser

LOCKED = "Terlalu banyak percobaan masuk yang gagal"


def sign_in(client, username, password, address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


def account_form_data(client):
    """The account settings page's fields as they are, with a new password filled in."""
    page = client.get("/admin/account/")
    data = {}
    for panels in page.context["panels_by_tab"].values():
        for panel in panels:
            form = panel.get_form()
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if value is not None and name not in ("avatar", "clear"):
                    data[form.add_prefix(name)] = value
    return data | {
        "name_email-first_name": "Sari",
        "name_email-last_name": "Wulandari",
        "password-old_password": PASSWORD,
        "password-new_password1": "teh-manis-sore-hari",
        "password-new_password2": "teh-manis-sore-hari",
    }


def opens_admin(client):
    return client.get("/admin/").status_code == 200


class LoginThrottleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sari = make_superuser("sari")
        cls.budi = make_superuser("budi")

    def fail(self, username, address, times=None, **extra):
        responses = [
            sign_in(Client(), username, "salah", address, **extra)
            for _ in range(times or settings.AXES_FAILURE_LIMIT)
        ]
        return responses[-1]

    def test_a_wrong_password_says_so_without_locking(self):
        response = sign_in(Client(), "sari", "salah", "203.0.113.5")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, LOCKED)
        client = Client()
        self.assertEqual(sign_in(client, "sari", PASSWORD, "203.0.113.5").status_code, 302)
        self.assertTrue(opens_admin(client))

    def test_failures_lock_their_address_with_a_clear_message_even_for_the_right_password(self):
        locked = self.fail("sari", "203.0.113.5")
        self.assertEqual(locked.status_code, 429)
        self.assertContains(locked, LOCKED, status_code=429)
        self.assertContains(locked, "15 menit", status_code=429)
        self.assertContains(locked, 'value="sari"', status_code=429)  # the form is still there
        refused = Client()
        self.assertContains(
            sign_in(refused, "sari", PASSWORD, "203.0.113.5"), LOCKED, status_code=429
        )
        self.assertFalse(opens_admin(refused))

    def test_a_stranger_cannot_lock_an_editor_out_from_her_own_address(self):
        """Five bad tries from address A lock A only: the account still signs in from B."""
        self.fail("sari", "203.0.113.5")
        client = Client()
        self.assertEqual(sign_in(client, "sari", PASSWORD, "198.51.100.7").status_code, 302)
        self.assertTrue(opens_admin(client))

        # Another account from another address signs in as usual.
        other = Client()
        self.assertEqual(sign_in(other, "budi", PASSWORD, "198.51.100.8").status_code, 302)
        self.assertTrue(opens_admin(other))

    def test_failures_from_one_address_lock_that_address_for_every_account(self):
        for number in range(settings.AXES_FAILURE_LIMIT):
            sign_in(Client(), f"tebakan{number}", "salah", "203.0.113.9")
        client = Client()
        self.assertContains(
            sign_in(client, "budi", PASSWORD, "203.0.113.9"), LOCKED, status_code=429
        )
        self.assertFalse(opens_admin(client))
        elsewhere = Client()
        self.assertEqual(sign_in(elsewhere, "budi", PASSWORD, "198.51.100.8").status_code, 302)

    @override_settings(WARTA_PROXY_COUNT=1)
    def test_behind_a_proxy_the_forwarded_address_is_the_one_locked(self):
        proxy = "10.0.0.2"
        self.fail("tebakan", proxy, forwarded="203.0.113.9")
        locked = sign_in(Client(), "budi", PASSWORD, proxy, forwarded="203.0.113.9")
        self.assertContains(locked, LOCKED, status_code=429)
        client = Client()
        self.assertEqual(
            sign_in(client, "budi", PASSWORD, proxy, forwarded="198.51.100.8").status_code, 302
        )
        self.assertTrue(opens_admin(client))

    @override_settings(WARTA_PROXY_COUNT=1)
    def test_behind_a_proxy_a_forged_forwarded_address_locks_the_forger_only(self):
        """nginx appends the real address: what the client wrote before it is ignored."""
        proxy = "127.0.0.1"
        self.fail("sari", proxy, forwarded="198.51.100.7, 203.0.113.9")
        client = Client()
        self.assertEqual(
            sign_in(client, "sari", PASSWORD, proxy, forwarded="198.51.100.7").status_code, 302
        )
        self.assertTrue(opens_admin(client))


class SessionEndTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sari = make_superuser("sari")

    def signed_in(self):
        client = Client()
        self.assertEqual(sign_in(client, "sari", PASSWORD, "203.0.113.5").status_code, 302)
        self.assertTrue(opens_admin(client))
        return client

    def with_cookie(self, cookie):
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie
        return client

    def test_logout_ends_the_session_for_a_copied_cookie(self):
        client = self.signed_in()
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.assertTrue(opens_admin(self.with_cookie(cookie)))
        client.post("/admin/logout/")
        stolen = self.with_cookie(cookie)
        response = stolen.get("/admin/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/admin/login/"))

    def test_a_new_password_ends_the_other_sessions_but_not_the_changers(self):
        elsewhere = self.signed_in()
        cookie = elsewhere.cookies[settings.SESSION_COOKIE_NAME].value
        changer = self.signed_in()
        response = changer.post("/admin/account/", account_form_data(changer))
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.sari.refresh_from_db()
        self.assertTrue(self.sari.check_password("teh-manis-sore-hari"))
        self.assertFalse(opens_admin(self.with_cookie(cookie)))
        self.assertTrue(opens_admin(changer))

    def test_a_password_set_by_an_administrator_ends_every_session(self):
        client = self.signed_in()
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.sari.set_password("teh-manis-sore-hari")
        self.sari.save()
        self.assertFalse(opens_admin(self.with_cookie(cookie)))
        self.assertFalse(opens_admin(client))
