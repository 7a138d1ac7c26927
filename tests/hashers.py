"""A quick password hasher for the tests: PBKDF2 as in production, with few iterations.

A hash names its own iterations, so a `warta serve` the tests start (with the production
hashers) still accepts these passwords, and upgrades them on sign-in as it would an old hash.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1000
