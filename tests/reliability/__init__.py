"""Issue 5, section 3 (races and faults) and the error pages of section 5: each test fails if the
fault it names breaks the bar: bad input changes nothing, a failure half-way writes nothing,
concurrent edits never silently overwrite each other."""
