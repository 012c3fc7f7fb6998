"""Who is editing: the one value the editing page keeps of an editor, the session token, and its account.

Only a string counts as a token (nothing else may stand for a session), and the
account is asked of the database each time (:func:`countymap.living.account_for`):
an expired, ended or deactivated session is forgotten at once.
"""

from __future__ import annotations

from countymap import living
from countymap.app import state

TOKEN_KEY = "edit_token"


def token() -> str | None:
    """The token this session holds, if any."""
    found = state.get(TOKEN_KEY)
    return found if isinstance(found, str) and found else None


def keep(new_token: str) -> None:
    """Keep the token of a new sign-in (the password is never kept)."""
    state.put(TOKEN_KEY, new_token)


def forget() -> None:
    """Forget the token (signed out, or the session ended)."""
    state.pop(TOKEN_KEY)


def current_account(db: living.Database) -> living.Account | None:
    """The account signed in now, asked of the database; ``None`` (and the token forgotten) when there is none."""
    try:
        return living.account_for(db, token())
    except living.AccessError:
        forget()
        return None
