"""Facts the assistant answers from: municipalities (and, later, their facilities)."""
