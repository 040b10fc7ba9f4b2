"""Rules and facts every step shares, depending on nothing else of the casebook: text rules, web
addresses, problems, the site's addresses (routes), settings, the project's folders, parallel work."""
