"""主席团: members, officers, offices and the executive-chair groups."""
