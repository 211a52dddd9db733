"""What the exchange refuses, each with a Japanese sentence: what is wrong, what to do.

`KeysError`s are about setting up keys and cards (nothing was changed). `FileRefusedError`s
are about a file received: it is not opened, and the caller keeps it aside
(`sealing.keep_aside`) with the message as its reason.
"""

from __future__ import annotations

from kyodo_desktop.services.errors import ServiceError
from kyodo_desktop.services.exchange.offices import HEAD_OFFICE, office_label

_CREATE = (
    "システム担当が kyodo-admin exchange keys create --office 事務所コード で作ってください"
    f"（本庁は {HEAD_OFFICE}）。"
)


class ExchangeError(ServiceError):
    """A refusal of the exchange (keys, cards or a file)."""


# Keys and cards ------------------------------------------------------------------------------


class KeysError(ExchangeError):
    """Setting up this office's keys or another office's card was refused."""


class OfficeCodeError(KeysError):
    def __init__(self, code: str) -> None:
        super().__init__(
            f"事務所コード「{code}」は受け渡しに使えません。区民事務所・出張所は 01〜17、"
            f"本庁（協働推進課）は {HEAD_OFFICE} を指定してください。",
            field="office",
        )
        self.code = code


class NoOwnKeysError(KeysError):
    def __init__(self) -> None:
        super().__init__("この事務所の受け渡し用の鍵がまだ作られていません。" + _CREATE)


class OwnKeysUnreadableError(KeysError):
    def __init__(self, path: str, detail: str) -> None:
        super().__init__(
            f"この事務所の鍵のファイル {path} が読めません（{detail}）。このパソコンの鍵を作り直す"
            "ときは kyodo-admin exchange keys create --replace を実行し、新しい公開鍵カードを"
            "相手先に届けてください。"
        )
        self.path = path


class OwnKeysExistError(KeysError):
    def __init__(self, office: str, fingerprint: str) -> None:
        super().__init__(
            f"この事務所の鍵（{office_label(office)}、指紋 {fingerprint}）はもう作られています。"
            "作り直すと、いまの公開鍵あてに作られたファイルは開けなくなり、新しい公開鍵カードを"
            "相手先に届け直すことになります。作り直すときだけ --replace を付けてください。"
        )
        self.office = office


class CardUnreadableError(KeysError):
    def __init__(self, name: str, detail: str) -> None:
        super().__init__(
            f"{name} は協働デスクの公開鍵カード（.kyodo-key）として読めません（{detail}）。"
            "相手の事務所に kyodo-admin exchange keys card でもう一度書き出してもらってください。",
            field="card",
        )
        self.name = name


class OwnCardError(KeysError):
    def __init__(self, office: str) -> None:
        super().__init__(
            f"これはこの事務所（{office_label(office)}）自身の公開鍵カードです。"
            "相手の事務所から届いたカードを指定してください。",
            field="card",
        )
        self.office = office


class CardConflictError(KeysError):
    def __init__(self, office: str, known: str, offered: str) -> None:
        super().__init__(
            f"{office_label(office)}の公開鍵はもう登録されていて、このカードの鍵とは違います"
            f"（登録済みの指紋 {known}、このカードの指紋 {offered}）。事務所のパソコンを入れ替えた"
            "ときなどは、相手に電話でこのカードの指紋を読み上げてもらい、同じだと確かめてから "
            "--replace を付けて登録し直してください。",
            field="card",
        )
        self.office = office


class UnknownOfficeError(KeysError):
    def __init__(self, office: str) -> None:
        super().__init__(
            f"{office_label(office)}の公開鍵が登録されていないため、あてたファイルを作れません。"
            "相手の公開鍵カードを受け取り、電話で指紋を確かめてから "
            "kyodo-admin exchange keys add で登録してください。"
        )
        self.office = office


# A file received -----------------------------------------------------------------------------


class FileRefusedError(ExchangeError):
    """A file received was not opened: keep it aside with this message as its reason."""


class DamagedFileError(FileRefusedError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"このファイルは協働デスクの受け渡しファイルではないか、壊れているか、途中で書き換え"
            f"られています（{detail}）。受け取りません。送った事務所にもう一度作って送ってもらって"
            "ください。"
        )
        self.detail = detail


class NotForThisOfficeError(FileRefusedError):
    def __init__(self, recipient: str, here: str) -> None:
        super().__init__(
            f"このファイルは{office_label(recipient)}あてで、この事務所（{office_label(here)}）"
            "あてではありません。受け取らずに、あて先の事務所に届けてください。"
        )
        self.recipient = recipient
        self.here = here


class UnknownSenderError(FileRefusedError):
    def __init__(self, sender: str) -> None:
        super().__init__(
            f"このファイルは{office_label(sender)}から送られていますが、その公開鍵が登録されて"
            "いません。公開鍵カードを受け取り、電話で指紋を確かめてから kyodo-admin exchange "
            "keys add で登録し、もう一度受け取ってください。"
        )
        self.sender = sender


class SignerMismatchError(FileRefusedError):
    def __init__(self, claimed: str, signer: str) -> None:
        super().__init__(
            f"このファイルは{office_label(claimed)}から送られたことになっていますが、"
            f"{office_label(signer)}の鍵で署名されています。送り主を偽っているおそれがあるため"
            "受け取りません。両方の事務所に、このファイルを作ったかを確かめてください。"
        )
        self.claimed = claimed
        self.signer = signer


NEWER_VERSION_MESSAGE = (
    "このファイルは新しい版の協働デスクで作られました。更新してから受け取ってください。"
)


class NewerFormatError(FileRefusedError):
    """Made by a newer program (its file format, or what is inside): update, then receive."""

    def __init__(self, detail: str | None = None) -> None:
        suffix = f"（{detail}）" if detail else ""
        super().__init__(NEWER_VERSION_MESSAGE.removesuffix("。") + suffix + "。")
        self.detail = detail
