"""Registering confirmed handoffs in Open Klant (the VNG Klantinteracties API), when a
municipality switches it on (``OPEN_KLANT_URL``, docs/open-klant.md): the request bodies
(``mapping``), the HTTP client (``client``), the outbox (``outbox``), the background worker
(``worker``, run by the staff app) and erasure (``erasure``)."""
