"""Job alerts without the web app: subscriptions and their signed links, the digests chosen for
each search, the emails, and the batch that sends them (`peerjobs send-alerts`, the scheduler).

The web app's pages and forms (webapp/alerts/) call `subscribing`, `tokens` and `words`.
"""
