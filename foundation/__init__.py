"""The bottom layer: settings, mail, the config-file readers and cron checks.

Every other part of PeerJobs may import it; it imports none of them.
"""
