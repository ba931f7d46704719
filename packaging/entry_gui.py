"""The bundle's `meetingdesk-gui [SESSION]` (the window): meetingdesk.gui.main, which also serves
the paper builder that the window starts as a copy of this same program."""
import sys

from meetingdesk.gui import main

if __name__ == "__main__":
    sys.exit(main())
