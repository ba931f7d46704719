"""The session's own settings: 会议信息, 办法, 补选情况, carrying it forward."""
