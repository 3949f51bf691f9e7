"""Which element holds the article: a short article beats a longer feed beside or below it."""

from __future__ import annotations

from archiver.extract import extract

ARTICLE = ["新京报快讯（记者 张明）今日有网友爆料，全市多个停车场收费标准出现调整，部分车主表示不满，相关话题引发热议。",
           "今晚，市交通运输局通过官方微博发布消息称：网传信息不实，全市停车收费标准没有变化，也没有调整计划。",
           "交通部门提醒广大市民，请通过官方网站和客户端查询停车收费标准，不要轻信网络传言，如有疑问可拨打服务热线咨询。"]
# A live feed of market comments: each item is longer and richer in punctuation than one paragraph.
FEED = [f"<li><a href='/bozhu/{i}'><img alt='博主{i}'></a><div class='tw-text'><h3>博主{i}<span>今天 12:0{i}:45</span></h3>"
        "<div class='content'>指数午前高开低走，和直播间一早分析一致。板块红盘居多，表现强势的是边缘计算、数字孪生、"
        "国产操作系统、超清视频、物联网等，绿盘的是猪肉、港口。个股表现看，红盘两千七百多家，上涨居多，涨停五十七家，"
        "涨停集中在科技股，技术看，超跌反弹依旧是主力，此外就是趋势股。</div></div></li>" for i in range(5)]
# Headlines below an article, shown with dates, times and read counts (their links live in scripts).
HEADLINES = "".join(f"<div class='item'><span>另一条新闻标题第{i}条</span><span>2019年09月{i:02}日</span>"
                    f"<span>09:{i:02}</span><span>APP专享</span><span>24{i},325</span></div>" for i in range(16))


def page(column: str, side: str = "") -> bytes:
    return ("<html><head><meta charset='utf-8'><title>停车收费标准调整？交通局辟谣称消息不实|辟谣_财经_新闻网</title></head>"
            "<body><div class='nav'><a href='/'>首页</a> <a href='/finance/'>财经</a></div>"
            "<h1 class='main-title'>停车收费标准调整？交通局辟谣称消息不实</h1>"
            f"<div class='wrap'><div class='col-a'>{column}</div><div class='col-b'>{side}</div></div></body></html>").encode()


def article_div() -> str:
    return "<div class='article' id='artibody'>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</div>"


# What follows an article on a portal before the next column: share bar, tags, related links.
BOTTOM = ("<div class='article-bottom'>分享到：微博 微信 QQ空间</div><div class='keywords'>标签：停车 收费 辟谣</div>"
          "<div class='blk-related'>" + "".join(f"<a href='/r{i}.html'>相关阅读：全市停车设施建设情况第{i}期通报</a>"
                                              for i in range(6)) + "</div>")


def test_a_short_article_under_the_headline_beats_a_longer_live_feed_beside_it() -> None:
    column = article_div() + BOTTOM
    art = extract(page(column, "<div class='feed'><ul>" + "".join(FEED) + "</ul></div>"), "http://x.cn/a.html", {})
    assert art.body.split("\n") == ARTICLE


def test_a_column_narrows_to_the_element_holding_its_sentences() -> None:
    # The article's column also carries a feed of headlines, dates and counts below the article.
    column = article_div() + f"<div class='bottom-feed'>{HEADLINES}</div>"
    art = extract(page(column), "http://x.cn/b.html", {})
    assert art.body.split("\n") == ARTICLE


def test_a_lead_photo_in_its_own_block_above_the_text_keeps_its_caption() -> None:
    photo = ("<div class='fullPic'><img src='/img/fire.jpg'><div class='picinfo'>"
             "輪胎行清晨發生大火，7人從火場中疏散。（消防局提供）</div></div>")
    column = photo + "<div class='paragraph'>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</div>" + BOTTOM
    art = extract(page(column), "http://x.cn/c.html", {})
    assert art.body.split("\n") == ARTICLE
    assert [c.text for c in art.captions] == ["輪胎行清晨發生大火，7人從火場中疏散。（消防局提供）"]


def test_a_large_most_read_box_inside_the_article_column_is_chrome() -> None:
    most_read = ("<div class='most-read'>" + "".join(f"<div class='item'><span>另一条热门新闻的标题文字第{i}条</span>"
                                                   f"<span>2019年09月0{i}日</span><span>24{i},325</span></div>"
                                                   for i in range(1, 5)) + "</div>")
    column = article_div()[: -len("</div>")] + most_read + "</div>"  # inside the article's own element
    art = extract(page(column), "http://x.cn/d.html", {})
    assert art.body.split("\n") == ARTICLE


def test_a_summary_box_repeating_the_lead_is_not_a_paragraph() -> None:
    summary = "<div class='summary'>摘要：" + ARTICLE[0][:40] + "</div>"
    art = extract(page(summary + article_div()), "http://x.cn/e.html", {})
    assert art.body.split("\n") == ARTICLE
    own = "摘要：停车收费问题引发关注，交通部门回应称标准不变，提醒市民通过官方渠道查询，不信谣不传谣。"
    column = article_div().replace("<div class='article' id='artibody'>", f"<div class='article' id='artibody'><p>{own}</p>")
    art = extract(page(column), "http://x.cn/f.html", {})
    assert art.body.split("\n") == [own, *ARTICLE]  # a summary of its own stays


def test_a_wrapper_of_teasers_beside_the_article_does_not_join_it() -> None:
    teasers = ("<div class='wx_zwy_wrap'><div class='slider'>" + "".join(
        f"<span>外资潜伏第{i}月，买入千亿！</span>" for i in range(1, 7)) + "</div></div>")
    art = extract(page(article_div() + teasers), "http://x.cn/g.html", {})
    assert art.body.split("\n") == ARTICLE
