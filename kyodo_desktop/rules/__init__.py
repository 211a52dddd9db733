"""The ward's rules (pure Python): programmes, amounts, 年度 and 和暦, text as typed.

Everything here imports only the standard library and jaconv; the GUI, forms, reports
and the admin CLI all ask this package and none re-implements a rule. See docs/rules.md.
"""

from .calendar import (
    ERAS,
    Era,
    WarekiDate,
    days_in_month,
    era_of,
    fiscal_year,
    fiscal_year_range,
    format_fiscal_year,
    format_wareki,
    format_wareki_month,
    format_wareki_short,
    to_wareki,
)
from .catalogue import programme, programmes
from .dates import parse_date, parse_wareki
from .errors import RulesDataError, RulesValidationError
from .evaluation import asked_over, evaluate
from .formulas import HirobaGrant, JichiGrant, hiroba_amount, jichi_amount, jichi_grant
from .groups import GroupKind
from .money import formal_numerals, format_yen, format_yen_formal, parse_yen
from .outcomes import BreakdownLine, Evaluation, Reason, Severity
from .programmes import (
    Division,
    Formula,
    HirobaRates,
    JichiRates,
    LimitUnit,
    Programme,
    ProgrammeVersion,
    Result,
)
from .remaining import Remaining, what_remains
from .requests import Award, GrantRequest, Group, MonthRequest
from .settings import RuleSettings, load_default_settings
from .text import normalize_phone, normalize_postal_code, search_key

__all__ = [
    "ERAS",
    "Award",
    "BreakdownLine",
    "Division",
    "Era",
    "Evaluation",
    "Formula",
    "GrantRequest",
    "Group",
    "GroupKind",
    "HirobaGrant",
    "HirobaRates",
    "JichiGrant",
    "JichiRates",
    "LimitUnit",
    "MonthRequest",
    "Programme",
    "ProgrammeVersion",
    "Reason",
    "Remaining",
    "Result",
    "RuleSettings",
    "RulesDataError",
    "RulesValidationError",
    "Severity",
    "WarekiDate",
    "asked_over",
    "days_in_month",
    "era_of",
    "evaluate",
    "fiscal_year",
    "fiscal_year_range",
    "formal_numerals",
    "format_fiscal_year",
    "format_wareki",
    "format_wareki_month",
    "format_wareki_short",
    "format_yen",
    "format_yen_formal",
    "hiroba_amount",
    "jichi_amount",
    "jichi_grant",
    "load_default_settings",
    "normalize_phone",
    "normalize_postal_code",
    "parse_date",
    "parse_wareki",
    "parse_yen",
    "programme",
    "programmes",
    "search_key",
    "to_wareki",
    "what_remains",
]
