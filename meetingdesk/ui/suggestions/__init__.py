"""建议办理: the suggestions after the session (page, models, dialogs, commands, the exchange)."""
