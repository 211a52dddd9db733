"""Password hashes (パスワード): argon2id through argon2-cffi, and the rules for a new one.

The hasher's parameters are RFC 9106's second recommended option ("low memory"), which is
also argon2-cffi's default profile since 21.2: argon2id, 3 passes over 64 MiB with 4 lanes,
a 16-byte random salt and a 32-byte tag. On a branch-office PC a hash or a check takes about
a tenth of a second: unnoticeable at sign-in, and slow for anyone guessing at a stolen file.
The parameters are written into each hash (``$argon2id$v=19$m=65536,t=3,p=4$...``), so a
later change of them still verifies old hashes; `needs_rehash` tells the sign-in to store a
new hash with the current parameters.
"""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from kyodo_desktop.services.errors import InputError

TIME_COST = 3  # passes over the memory
MEMORY_COST_KIB = 64 * 1024  # 64 MiB
PARALLELISM = 4  # lanes
HASH_LENGTH = 32  # bytes of tag
SALT_LENGTH = 16  # bytes of random salt

MIN_LENGTH = 8
MAX_LENGTH = 128  # a hash of a megabyte-long "password" would only waste the PC's time

_HASHER = PasswordHasher(
    time_cost=TIME_COST,
    memory_cost=MEMORY_COST_KIB,
    parallelism=PARALLELISM,
    hash_len=HASH_LENGTH,
    salt_len=SALT_LENGTH,
    type=Type.ID,
)
_dummy_hash: str | None = None


def hash_password(password: str) -> str:
    """The argon2id hash to store for ``password``."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; an absent or unreadable hash matches nothing."""
    if not stored_hash:
        return False
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """The stored hash was made with other parameters than the current ones."""
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def spend_verification_time(password: str) -> None:
    """Check against a throw-away hash, so an unknown login ID takes as long as a known one."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _HASHER.hash("no such staff member")
    verify_password(_dummy_hash, password)


def check_new_password(password: object, *, field: str = "password") -> str:
    """The new password as typed, or an `InputError` saying what a password must be."""
    if not isinstance(password, str):
        raise InputError("パスワードは文字で入力してください。", field=field)
    if len(password) < MIN_LENGTH:
        raise InputError(
            f"パスワードは{MIN_LENGTH}文字以上にしてください（今は{len(password)}文字です）。",
            field=field,
        )
    if len(password) > MAX_LENGTH:
        raise InputError(f"パスワードは{MAX_LENGTH}文字以内にしてください。", field=field)
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in password):
        raise InputError(
            "パスワードに使えない制御文字が含まれています。入力し直してください。", field=field
        )
    if not password.strip():
        raise InputError("空白だけのパスワードは使えません。", field=field)
    return password
