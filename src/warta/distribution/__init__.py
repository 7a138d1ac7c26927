"""Distribution: feeds, sitemaps, robots.txt and the page head that search engines and apps read."""
