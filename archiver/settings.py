"""Scrapy settings for portal-archiver. Project settings are prefixed ARCHIVER_ and declared once here."""

from archiver import __version__

# --- Scrapy ---------------------------------------------------------------------
BOT_NAME = "archiver"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
USER_AGENT = f"portal-archiver/{__version__} (+https://pypi.org/project/portal-archiver/; research news archive)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DEPTH_LIMIT = 6
DEPTH_PRIORITY = 1  # breadth-first: home and sections before deep archives
SCHEDULER = "archiver.queues.DiskScheduler"
SCHEDULER_DISK_QUEUE = "archiver.queues.DiskQueue"  # Scrapy's pickle FIFO; a full disk is a storage failure
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_TIMES = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
LOG_FORMATTER = "archiver.logs.QuietLogFormatter"  # dropped items: a DEBUG line, not the whole item
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
DOWNLOADER_MIDDLEWARES = {
    # Below HttpCompression (590) and Redirect (600): it sees decompressed, final responses.
    "archiver.middlewares.CharsetMiddleware": 570,
    "archiver.middlewares.WarcCaptureMiddleware": 580,
    "archiver.politeness.PolitenessMiddleware": 560,
    "archiver.middlewares.SkipKnownMiddleware": 550,  # before politeness: a skipped page costs no delay
}
DUPEFILTER_CLASS = "archiver.middlewares.MemoryDupeFilter"
EXTENSIONS = {
    "archiver.progress.Progress": 500,
    "scrapy.extensions.spiderstate.SpiderState": None,
    "archiver.queues.JobState": 0,  # Scrapy's SpiderState, written safely
}
ITEM_PIPELINES = {
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.dedupe.UrlDedupePipeline": 300,
    "pipelines.store_sqlite.SQLiteStorePipeline": 900,
}

# --- archiver: crawl scope ----------------------------------------------------
# Extra hosts to follow besides the start URLs' own (comma-separated or list).
ARCHIVER_ALLOWED_HOSTS: list[str] = []
# Follow links that leave the start sites.
ARCHIVER_FOLLOW_OFFSITE = False
# Site registry file; empty means data/sites.toml, else the sample shipped with the package.
ARCHIVER_SITES_FILE = ""
# Use the sitemaps robots.txt names as extra start points (feeds come from a registry entry's "feeds").
ARCHIVER_SITEMAPS_FROM_ROBOTS = True
# Page budget per site and run (0: none); a registry entry's max_pages wins.
ARCHIVER_MAX_PAGES_PER_SITE = 0

# --- archiver: incremental runs -------------------------------------------------
# Re-fetch archived articles published within this many days (0: never re-fetch known articles).
ARCHIVER_REVISIT_DAYS = 0.0
# Stop following a list's later pages when a list page brings no new article link.
ARCHIVER_STOP_PAGINATION_WHEN_NOTHING_NEW = True
ARCHIVER_RESUMED_START_URLS = ""  # set by `archiver crawl` when it continues a budget-stopped run (JSON list)

# --- archiver: politeness ------------------------------------------------------
# Honour Retry-After and pause sites that keep answering 403.
ARCHIVER_POLITENESS_ENABLED = True
# Longest Retry-After honoured (seconds); longer waits fall back to ordinary retries.
ARCHIVER_MAX_RETRY_AFTER = 300.0
# Times one request is retried after a Retry-After.
ARCHIVER_RETRY_AFTER_TIMES = 3
# Consecutive 403 answers after which a site is paused for the rest of the run.
ARCHIVER_BLOCKED_AFTER_403S = 5

# --- archiver: crawler traps ------------------------------------------------------
# Longest URL followed (crawler traps grow URLs).
ARCHIVER_MAX_URL_LENGTH = 512
# Most times one path segment may repeat in a URL (/a/b/a/b/…).
ARCHIVER_MAX_REPEATED_SEGMENT = 2
# Most query parameters in a followed URL.
ARCHIVER_MAX_QUERY_PARAMS = 8
# Most distinct query strings followed for one path (calendars, sort orders, session ids).
ARCHIVER_MAX_QUERY_VARIANTS = 100
# Most path segments in a followed URL.
ARCHIVER_MAX_PATH_DEPTH = 12

# --- archiver: extraction -----------------------------------------------------
# Extract pages in a worker process beside the crawl (1), in the crawl process (0), or in a worker on
# machines with two cores or more (-1). On the benchmark site: 0.81-0.85x bare Scrapy's pages/s with the
# worker, ~0.55x without.
ARCHIVER_EXTRACT_PROCESSES = -1

# --- archiver: validation -----------------------------------------------------
# Articles with fewer body characters (Han characters + words) are dropped.
ARCHIVER_MIN_BODY_CHARS = 80
# Longest chain of "next page" links followed for one article.
ARCHIVER_MAX_ARTICLE_PAGES = 20

# --- archiver: storage --------------------------------------------------------
# Archive file; empty means $ARCHIVER_DB or data/archive.db.
ARCHIVER_DB = ""
# Items written per transaction.
ARCHIVER_BATCH_SIZE = 50

# --- archiver: raw capture ---------------------------------------------------
# Write every response to gzip WARC files.
ARCHIVER_WARC_ENABLED = True
# Folder of the WARC files; empty means a "warc" folder beside the archive.
ARCHIVER_WARC_DIR = ""
# Start a new WARC file past this size.
ARCHIVER_WARC_MAX_BYTES = 1024 * 1024 * 1024

# --- archiver: progress ----------------------------------------------------------
# Show progress while crawling: a live line on a terminal, a plain line otherwise.
ARCHIVER_PROGRESS = True
# Seconds between progress updates on a terminal, and between plain lines elsewhere.
ARCHIVER_PROGRESS_INTERVAL_TTY = 1.0
ARCHIVER_PROGRESS_INTERVAL = 30.0

# --- archiver: exit status ----------------------------------------------------
# Share of failed fetches above which a crawl exits 1.
ARCHIVER_MAX_ERROR_RATIO = 0.5

# --- archiver: distributed crawling (archiver crawl --redis / archiver ingest) -----
# Namespace of the Redis keys: workers and the ingester of one crawl share it.
ARCHIVER_REDIS_PREFIX = "archiver"
# A worker silent this long (seconds) is dead: its in-flight requests go back to the queue.
ARCHIVER_REDIS_WORKER_TTL = 60.0
# A worker exits when no request has been queued or in flight anywhere for this long (seconds).
ARCHIVER_REDIS_IDLE_TIMEOUT = 30.0
