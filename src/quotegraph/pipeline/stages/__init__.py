"""Pipeline stages, one module each; importing a module registers its stage."""

__all__: list[str] = []
