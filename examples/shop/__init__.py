"""A small example project for typd's quick start."""
