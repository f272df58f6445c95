-- A workflow's state row is rewritten whole in the transaction of each of its events, under the row's lock, so its
-- cost bounds how fast the children of one workflow can end. pglz compression of the state (a with-items task keeps
-- its item list in it: 71 KB of JSON for 3,000 items) took ~25 ms per write on the benchmark VM, against ~2 ms stored
-- out of line uncompressed (docs/benchmarks.md, "Workflows"): 3,000 with-items children ran in 27 s instead of 78 s.
ALTER TABLE workflow_states ALTER COLUMN state SET STORAGE EXTERNAL;
