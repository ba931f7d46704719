"""议程日程: the agenda and the meetings."""
