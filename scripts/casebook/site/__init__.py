"""Running a build: render the pages, run an engine (MkDocs or Zensical), check and index what it
built, swap it in; the same steps for `casebook build` and for MkDocs' hooks; the live preview."""
