"""The staff review app: a team-scoped queue of warm handoffs with summary and transcript,
login, audit log and retention (aiohttp, server-rendered HTML)."""
