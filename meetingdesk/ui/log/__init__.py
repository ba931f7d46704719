"""变更日志 page: who changed what in the session, when, at which desk."""
