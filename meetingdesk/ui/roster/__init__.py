"""代表团: delegations and people, import and export, their undo commands."""
