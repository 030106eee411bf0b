"""The test suite, a package: helpers are imported as ``tests._loopback``, ``tests.faults._server``, ..."""
