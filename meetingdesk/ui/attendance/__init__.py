"""到会: the check-in desk, the roll, leave and absences."""
