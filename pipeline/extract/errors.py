class ExtractionError(Exception):
    """A file could not be read; the message says why in words a user can act on."""
