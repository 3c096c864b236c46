"""opengov's benchmark: a deterministic scale-data generator (`bench.seed`, run with
`opengov bench seed --scale S`) and the load driver (`bench/run`). Not part of the test suite."""
