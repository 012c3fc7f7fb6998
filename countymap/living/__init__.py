"""The living map: a database of what happened after the report (see docs/living.md).

Layer: after ``map``, beside ``draft`` and ``geodata_build``; imports neither
Streamlit nor folium. The app and the command line call the names below.
"""

from countymap.living.accounts import (
    LOCAL_OPERATOR,
    AccessError,
    Account,
    SignedIn,
    account_for,
    add_account,
    export_audit,
    set_active,
    sign_in,
    sign_out,
)
from countymap.living.baseline import BaselineError, import_edition
from countymap.living.database import (
    Database,
    SchemaBehindError,
    current_revision,
    head_revision,
    open_database,
    upgrade,
)
from countymap.living.log import (
    ConflictError,
    UpdateRecord,
    history,
    history_frame,
    latest_update_of,
    save_update,
    save_update_as,
)
from countymap.living.publish import Plan, PublishError, plan_publish, publish_edition
from countymap.living.state import (
    LIVING_COLUMNS,
    LivingState,
    NoEditionError,
    log_position,
    report_dates,
    report_state,
    state_as_of,
    superseded_by,
)
from countymap.living.values import Change, InvalidChangeError, Problem

__all__ = [
    "LIVING_COLUMNS",
    "LOCAL_OPERATOR",
    "AccessError",
    "Account",
    "BaselineError",
    "Change",
    "ConflictError",
    "Database",
    "InvalidChangeError",
    "LivingState",
    "NoEditionError",
    "Plan",
    "Problem",
    "PublishError",
    "SchemaBehindError",
    "SignedIn",
    "UpdateRecord",
    "account_for",
    "add_account",
    "current_revision",
    "export_audit",
    "head_revision",
    "history",
    "history_frame",
    "import_edition",
    "latest_update_of",
    "log_position",
    "open_database",
    "plan_publish",
    "publish_edition",
    "report_dates",
    "report_state",
    "save_update",
    "save_update_as",
    "set_active",
    "sign_in",
    "sign_out",
    "state_as_of",
    "superseded_by",
    "upgrade",
]
