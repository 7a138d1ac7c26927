"""Optional two-factor sign-in: staff with a TOTP device enter a code after the password."""

import re
from base64 import b32decode
from io import StringIO
from urllib.parse import parse_qs, urlsplit

from django.core.management import call_command
from django.test import Client, TestCase, override_settings

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.security.editors import PASSWORD, make_superuser
from warta.security import totp as two_factor

VERIFY = "/admin/masuk/kode/"
SETUP = "/admin/akun/dua-langkah/"


def code_for(key, offset=0):
    """The six digits an authenticator app shows for `key` (bytes), `offset` steps away."""
    return f"{totp(key, step=30, digits=6, drift=offset):06d}"


def signed_in(username):
    client = Client()
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


class TwoFactorSignInTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sari = make_superuser("sari")
        cls.budi = make_superuser("budi")

    def test_staff_without_a_device_sign_in_as_before(self):
        client = signed_in("budi")
        self.assertEqual(client.get("/admin/").status_code, 200)
        self.assertEqual(client.get("/admin/pages/").status_code, 200)

    def test_an_unfinished_enrolment_asks_for_no_code(self):
        two_factor.pending_device(self.budi)
        self.assertEqual(signed_in("budi").get("/admin/").status_code, 200)

    def test_with_a_device_the_admin_opens_only_after_the_code(self):
        device = two_factor.enroll(self.sari)
        client = signed_in("sari")
        for path in ("/admin/", "/admin/pages/"):
            response = client.get(path)
            self.assertEqual(response.status_code, 302)
            self.assertEqual(response["Location"], f"{VERIFY}?next={path.replace('/', '%2F')}")
        page = client.get(f"{VERIFY}?next=/admin/pages/")
        self.assertContains(page, "Masukkan kode masuk Anda")

        wrong = f"{(int(code_for(device.bin_key)) + 1) % 1000000:06d}"
        refused = client.post(VERIFY, {"code": wrong, "next": "/admin/pages/"})
        self.assertContains(refused, "Kode salah atau sudah kedaluwarsa")
        self.assertEqual(client.get("/admin/").status_code, 302)

        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
        accepted = client.post(VERIFY, {"code": code_for(device.bin_key), "next": "/admin/pages/"})
        self.assertEqual(accepted.status_code, 302)
        self.assertEqual(accepted["Location"], "/admin/pages/")
        self.assertEqual(client.get("/admin/").status_code, 200)
        self.assertEqual(client.get("/admin/pages/").status_code, 200)

    def test_a_code_works_once(self):
        device = two_factor.enroll(self.sari)
        code = code_for(device.bin_key)
        first = signed_in("sari")
        self.assertEqual(first.post(VERIFY, {"code": code}).status_code, 302)
        second = signed_in("sari")
        self.assertContains(second.post(VERIFY, {"code": code}), "Kode salah")
        self.assertEqual(second.get("/admin/").status_code, 302)

    def test_wrong_codes_slow_down_guessing(self):
        device = two_factor.enroll(self.sari)
        client = signed_in("sari")
        client.post(VERIFY, {"code": "000000" if code_for(device.bin_key) != "000000" else "1"})
        refused = client.post(VERIFY, {"code": code_for(device.bin_key)})
        self.assertContains(refused, "Terlalu banyak kode yang salah")
        self.assertEqual(client.get("/admin/").status_code, 302)

    def test_until_the_code_other_views_see_an_anonymous_visitor(self):
        two_factor.enroll(self.sari)
        client = signed_in("sari")
        # The account page needs a signed-in user: it goes to the code page, not the account.
        response = client.get("/admin/account/")
        self.assertTrue(response["Location"].startswith(VERIFY))
        # Sign-out works without the code.
        client.post("/admin/logout/")
        self.assertTrue(client.get("/admin/").get("Location", "").startswith("/admin/login/"))

    def test_an_outside_next_address_is_not_followed(self):
        device = two_factor.enroll(self.sari)
        client = signed_in("sari")
        response = client.post(
            VERIFY, {"code": code_for(device.bin_key), "next": "https://jahat.example/"}
        )
        self.assertEqual(response["Location"], "/admin/")


class EnrolmentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sari = make_superuser("sari")

    def test_command_prints_an_otpauth_uri_whose_key_signs_in(self):
        out = StringIO()
        call_command("totp", "add", "sari", stdout=out, stderr=StringIO())
        uri = out.getvalue().strip()
        parts = urlsplit(uri)
        self.assertEqual((parts.scheme, parts.netloc), ("otpauth", "totp"))
        query = parse_qs(parts.query)
        self.assertEqual(query["issuer"], ["Warta"])
        key = b32decode(query["secret"][0] + "=" * (-len(query["secret"][0]) % 8))

        client = signed_in("sari")
        self.assertEqual(client.get("/admin/").status_code, 302)
        self.assertEqual(client.post(VERIFY, {"code": code_for(key)}).status_code, 302)
        self.assertEqual(client.get("/admin/").status_code, 200)

        call_command("totp", "remove", "sari", stdout=StringIO())
        self.assertEqual(signed_in("sari").get("/admin/").status_code, 200)

    def test_command_names_an_unknown_user(self):
        from django.core.management.base import CommandError

        with self.assertRaisesMessage(CommandError, "No user named 'tidakada'"):
            call_command("totp", "add", "tidakada", stdout=StringIO())

    @override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
    def test_staff_turn_it_on_and_off_in_their_account(self):
        client = signed_in("sari")
        page = client.get(SETUP)
        self.assertContains(page, "Verifikasi dua langkah belum aktif")
        self.assertContains(page, 'src="data:image/svg+xml')
        secret = re.search(r"<code data-totp-secret>([A-Z2-7]+)</code>", page.content.decode())[1]
        key = b32decode(secret)

        self.assertContains(client.post(SETUP, {"code": "12345x"}), "Kode salah")
        self.assertFalse(TOTPDevice.objects.filter(user=self.sari, confirmed=True).exists())

        turned_on = client.post(SETUP, {"code": code_for(key)})
        self.assertEqual(turned_on.status_code, 302)
        self.assertContains(client.get(SETUP), "Verifikasi dua langkah aktif")
        self.assertEqual(client.get("/admin/").status_code, 200)  # this session gave the code

        other = signed_in("sari")
        self.assertEqual(other.get("/admin/").status_code, 302)
        # The code just used is spent: the other session gives the next one.
        self.assertEqual(other.post(VERIFY, {"code": code_for(key, offset=1)}).status_code, 302)

        self.assertEqual(client.post(SETUP, {"code": code_for(key, offset=2)}).status_code, 302)
        self.assertFalse(TOTPDevice.objects.filter(user=self.sari).exists())
        self.assertEqual(signed_in("sari").get("/admin/").status_code, 200)
