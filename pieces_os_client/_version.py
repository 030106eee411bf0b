"""The package version: the one place it is written.

The public version is the level of the official ``pieces-os-client`` this package stands in for (its
Allocations API, 5.0.1), so version gates and pins written for the official SDK (``>=4.4.0``, ``==5.0.1``)
accept it; this package's own release is the PEP 440 local label (``+lossless.N``). See the README's
"Versions" section for what that means for pip.
"""

__version__ = "5.0.1+lossless.1"
