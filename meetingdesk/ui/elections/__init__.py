"""选举: elections, nominations and the preliminary vote."""
