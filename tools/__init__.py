"""Development tools for the repository (not shipped with the package)."""
