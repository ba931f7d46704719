"""Start MeetingDesk: `python main.py` opens the demo session, `python main.py FILE` opens FILE."""
import sys

from meetingdesk.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
