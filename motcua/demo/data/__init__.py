"""The demo province's data files (units.jsonl, procedures.jsonl), shipped with the package."""
