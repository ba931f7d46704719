"""The figures the README states: inputs and faults tried, handled with a message, data lost."""
from __future__ import annotations


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    import sys

    bad = sys.modules.get("tests.reliability.test_bad_files")
    faults = sys.modules.get("tests.reliability.test_faults")
    if bad is None and faults is None:
        return
    lines = []
    if bad is not None and bad.FIGURES["tried"]:
        f = bad.FIGURES
        lines.append(f"bad files: {f['tried']} runs of {bad.INPUTS_TRIED} inputs, "
                     f"{f['handled with a message']} handled with a message, {f['data lost']} data lost")
    if faults is not None and sum(faults.TRIED.values()):
        tried = ", ".join(f"{n} {k}" for k, n in faults.TRIED.items())
        lines.append(f"faults: {tried}; data lost {faults.LOST['data lost']}")
    if lines:
        terminalreporter.write_sep("-", "reliability")
        for line in lines:
            terminalreporter.write_line(line)
