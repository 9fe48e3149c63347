"""The shared base for everything read from YAML: strict, frozen, documented."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """A typo in a key is an error, not a silent default; loaded input never changes."""

    # allow_inf_nan=False: a threshold of .inf or .nan is a typo, and would break every comparison.
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, allow_inf_nan=False)
