"""The test suite, a package: helpers are imported as ``tests._server``, ``tests._calls``, ..."""
