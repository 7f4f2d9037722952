"""Monthly tallies: a cache of the additive figures of motcua.dossiers.figures per (unit, local month)."""
