"""计票: polls, the two clerks' entries, results and corrections."""
