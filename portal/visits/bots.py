"""Which requests are robots, by their User-Agent. Pure: no Django imports."""

import re

__all__ = ["BOT_PATTERN", "is_bot"]

# Only obvious robot tokens: generic clients (curl, wrk, python-requests, headless browsers, an
# empty User-Agent) stay countable, because load tests and monitoring scripts must be counted
# as configured and people use them too. Robots of search engines, link previews, SEO tools and
# uptime monitors announce themselves with one of these words.
BOT_PATTERN = re.compile(
    r"bot\b|bot/|robot|spider|crawl|slurp|archiver|facebookexternalhit|facebookcatalog"
    r"|embedly|quora link preview|whatsapp|skypeuripreview|bingpreview|google-inspectiontool"
    r"|googleother|feedfetcher|mediapartners-google|adsbot|ia_archiver|semrush|ahrefs|mj12"
    r"|petalbot|bytespider|pingdom|uptimerobot|statuscake"
    r"|site24x7|lighthouse|pagespeed|gtmetrix",
    re.IGNORECASE,
)


def is_bot(user_agent: str | None) -> bool:
    """True for a User-Agent carrying a known robot token ("Googlebot/2.1", "bingbot", …)."""
    if not user_agent:
        return False
    return BOT_PATTERN.search(user_agent) is not None
