"""Downloader middleware: decode with the extractor's charset decision, not Scrapy's header-first rule."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Response, TextResponse

from .encoding import decode


class CharsetMiddleware:
    """Sets ``response.encoding`` from :func:`archiver.encoding.decode` so ``response.text`` is right.

    Scrapy trusts the HTTP header first and falls back to ascii/utf-8/cp1252; Chinese
    servers often send ``charset=utf-8`` for GBK pages.
    """

    def process_response(self, request, response: Response, spider=None):  # type: ignore[no-untyped-def]
        if not isinstance(response, TextResponse) and not _looks_html(response):
            return response
        headers = {k.decode("latin-1"): b",".join(v).decode("latin-1") for k, v in response.headers.items()}
        decided = decode(response.body, headers, override=request.meta.get("archiver_charset"))
        request.meta["archiver_charset"] = decided.charset
        request.meta["archiver_charset_source"] = decided.source
        cls = response.__class__ if isinstance(response, TextResponse) else HtmlResponse
        return response.replace(cls=cls, encoding=decided.charset)


def _looks_html(response: Response) -> bool:
    head = response.body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<meta"))
