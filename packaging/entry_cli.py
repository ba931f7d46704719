"""The bundle's `meetingdesk` (the command line): meetingdesk.cli.main."""
import sys

from meetingdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
