"""tei-encode: plain-text FRUS documents to TEI P5, checked and ready to deposit.

The library API: ``encode_text``, ``encode_bytes`` and ``encode_file`` give an
``Encoded`` (the TEI tree, its bytes, warnings and checks); ``tei_encode.validate``
checks any TEI file against a schema.  Names are imported on first use, so that
``tei-encode validate`` does not pay for loading the encoder.
"""
__version__ = "0.1.0"

__all__ = ["Encoded", "InputError", "encode_bytes", "encode_file", "encode_text", "__version__"]


def __getattr__(name):
    if name in ("Encoded", "encode_bytes", "encode_file", "encode_text"):
        from . import encoder
        return getattr(encoder, name)
    if name == "InputError":
        from .errors import InputError
        return InputError
    raise AttributeError(f"module 'tei_encode' has no attribute {name!r}")
