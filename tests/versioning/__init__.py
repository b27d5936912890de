"""Record versioning as users meet it: admin forms, the write API and web forms refusing stale edits."""
