"""tei-encode: plain-text FRUS documents to TEI P5, checked and ready to deposit.

The library API: ``encode_text``, ``encode_bytes`` and ``encode_file`` give an
``Encoded`` (the TEI tree, its bytes, warnings and checks); ``tei_encode.validate``
checks any TEI file against a schema.
"""
__version__ = "0.1.0"

from .encoder import Encoded, encode_bytes, encode_file, encode_text  # noqa: E402
from .errors import InputError  # noqa: E402

__all__ = ["Encoded", "InputError", "encode_bytes", "encode_file", "encode_text", "__version__"]
