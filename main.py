"""Start MeetingDesk: `python main.py` opens the demo session, `python main.py FILE` opens FILE.

The same as the `meetingdesk-gui` command (meetingdesk.gui: the system libraries Qt needs are
checked first, and a missing one named with its Debian package)."""
import sys

from meetingdesk.gui import main

if __name__ == "__main__":
    sys.exit(main())
