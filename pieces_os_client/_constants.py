"""Every default of the SDK runtime in one block: host, timeouts, retries, pool and size limits.

`Configuration` and `ApiClient` read these; change a default here and the README's "Retries and
timeouts" section with it.
"""

from __future__ import annotations

from typing import FrozenSet, Literal

from pieces_os_client._version import __version__

# Where Pieces OS listened before version 11 (macOS and Windows); 11+ uses 39300-39333, see discover().
DEFAULT_HOST = "http://localhost:1000"
# Seconds to wait for the TCP (and TLS) connection: a local server accepts in well under a second.
DEFAULT_CONNECT_TIMEOUT = 5.0
# Seconds to wait for each read from the socket: connecting Pieces OS to its cloud can take a while.
DEFAULT_READ_TIMEOUT = 60.0
# Seconds to wait for a free pooled connection when `Configuration.pool_block` is on.
DEFAULT_POOL_TIMEOUT = 10.0
# Seconds one whole call may take, every attempt, backoff wait and read included. Above the longest a
# call can legitimately take with the other defaults: 3 attempts x (5 s connect + 60 s read) + backoff.
DEFAULT_TOTAL_TIMEOUT = 300.0
# The largest value any timeout accepts (one day): larger ones overflow the platform's clocks.
MAX_TIMEOUT = 86400.0
# Retries after the first attempt (so 3 attempts in all) for a request that may be retried.
DEFAULT_MAX_RETRIES = 2
# Seconds before the first retry; each further retry doubles it.
INITIAL_RETRY_DELAY = 0.5
# Upper bound in seconds for one backoff delay.
MAX_RETRY_DELAY = 8.0
# Each backoff delay is shortened by a random fraction up to this, so clients do not retry in step.
RETRY_JITTER = 0.25
# Largest Retry-After, in seconds, the SDK waits for; above it the error is raised without retrying.
MAX_RETRY_AFTER = 60.0
# Statuses that say "try again later"; retried for idempotent methods only.
RETRYABLE_STATUSES: FrozenSet[int] = frozenset({408, 429, 502, 503, 504})
# Methods retried after a timeout, a broken connection or a retryable status (they are safe to repeat).
IDEMPOTENT_METHODS: FrozenSet[str] = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
# Keep-alive connections kept per host; also the most threads that use one client without waiting.
DEFAULT_POOL_MAXSIZE = 10
# Largest response body, in bytes after decompression, the SDK reads before giving up. Real bodies are
# far smaller (a 1,000-cloud snapshot is about 1 MB, a full UserProfile about 27 KB); decoding the
# worst body of this size (deeply nested arrays in an unknown field) peaks at about 540 MiB.
DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024
# The User-Agent header of every request.
USER_AGENT = f"pieces-os-client-python/{__version__}"
# The header that carries `Configuration.api_key["application"]`.
API_KEY_HEADER = "X-Application-ID"
# The transport `Configuration.transport` selects unless told otherwise.
DEFAULT_TRANSPORT: Literal["urllib3"] = "urllib3"
# Where Pieces OS 11 and later listen; named in connection errors.
PIECES_OS_PORT_RANGE = "39300\u201339333"  # an en dash, as in prose
