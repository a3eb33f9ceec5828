"""What residents asked that the assistant did not understand, for the content editor
(issue 14). Lower layer: imports only ``core``. ``insight.redaction`` removes personal data
from a message before anything of it is stored."""
