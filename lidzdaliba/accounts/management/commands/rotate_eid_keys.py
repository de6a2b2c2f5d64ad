"""Re-encrypt every personal code under the newest key and re-compute every keyed hash.

Rotate the encryption key: put a new Fernet key first in EID_ENCRYPTION_KEYS (keep the old
ones after it), restart, run this, then drop the old keys. Change the hash key: set the new
EID_HASH_KEY, restart, run this (codes are decrypted and hashed again; signatures that keep
hashes follow).
"""

from django.core.management.base import BaseCommand

from lidzdaliba.accounts.services import eid_keys_rotate


class Command(BaseCommand):
    help = "Re-encrypt personal codes under the newest key and re-hash them (after a key change)."

    def handle(self, *args, **options):
        done = eid_keys_rotate()
        self.stdout.write(
            f"Re-encrypted {done['reencrypted']} personal codes; "
            f"{done['rehashed']} hashes changed ({done['rehashed_elsewhere']} rows elsewhere)."
        )
