"""PeerJobs: the `peerjobs` command and the bundled demo agency sites."""
