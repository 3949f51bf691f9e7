"""Who wrote it: authors from self-media account lines, and the portal's own name refused as an author."""

from __future__ import annotations

from archiver.extract import extract

BODY = "".join(f"<p>第{i}段：京沪高速无锡至江阴大桥段将封闭施工，请过往车辆提前绕行，注意交通安全。</p>" for i in range(8))


def page(info: str, meta_author: str = "网易", title: str = "京沪高速部分路段封闭施工_网易订阅") -> bytes:
    return (f'<html><head><meta charset="utf-8"><title>{title}</title><meta name="author" content="{meta_author}">'
            f'</head><body><div class="article"><h2>京沪高速部分路段封闭施工</h2><p class="time">{info}</p>'
            f'<div class="post_body">{BODY}<p>来源：无锡交警</p></div></div>'
            f'<div class="footer">© 1997-2020 网易公司版权所有</div></body></html>').encode()


def test_self_media_account_beside_the_date_is_the_author() -> None:
    art = extract(page("<span>2019-05-17</span><span> · </span><span>苏皖城市报道</span>"),
                  "https://dy.163.com/article/1.html", {})
    assert art.authors == ["苏皖城市报道"]
    assert "苏皖城市报道" not in art.body and "京沪高速" in art.body


def test_the_portal_itself_is_not_an_author() -> None:
    art = extract(page("<span>2019-05-17</span>"), "https://dy.163.com/article/2.html", {})
    assert art.authors == []  # meta author "网易" is the site (网易订阅, 网易公司版权所有)


def test_a_person_in_the_meta_author_is_kept() -> None:
    art = extract(page("<span>2019-05-17</span>", meta_author="张三"), "https://dy.163.com/article/3.html", {})
    assert art.authors == ["张三"]


def test_an_outlet_beside_the_date_is_not_an_author() -> None:
    art = extract(page("<span>2019-05-17</span><span> · </span><span>江城日报</span>", meta_author=""),
                  "https://dy.163.com/article/4.html", {})
    assert art.authors == []


def test_a_centred_bold_headline_and_the_lone_name_under_it() -> None:
    """A hand-made 1990s page: placeholder <title>, headline only centred and bold, the author's name alone."""
    prose = "".join(f"人心不会熄灭，但它可能蒙上灰烬而不再燃烧。这是第{i}段文字，讨论一个长久的问题。<br>\n" for i in range(12))
    html = ("<html><head><title>显示</title></head><body><p align='center'><font color=darkblue><strong>犬儒病(上)"
            f"</strong></font></p><hr><p> 胡平<br><br>——当代中国的精神危机<br><br>{prose}</p></body></html>")
    art = extract(html.encode("gb18030"), "http://example.com/ShowAnnounce.asp?id=65", {})
    assert art.title == "犬儒病(上)"
    assert art.authors == ["胡平"]
    lines = art.body.split("\n")
    assert lines[0] == "——当代中国的精神危机" and "胡平" not in lines and "犬儒病(上)" not in lines


def news(info: str, paragraphs: list[str], after: str = "") -> bytes:
    filler = ["一季度全市地区生产总值同比增长百分之五点八，高于全省平均水平，增速比去年同期加快零点六个百分点。",
              "规模以上工业增加值增长百分之七，固定资产投资增长百分之九，社会消费品零售总额增长百分之六。"]
    return ("<html><head><meta charset='utf-8'><title>全市经济运行稳中向好</title></head><body>"
            f"<h1>全市经济运行稳中向好</h1><div class='info'>{info}</div><div class='content'>"
            + "".join(f"<p>{p}</p>" for p in [*paragraphs, *filler]) + f"</div>{after}</body></html>").encode()


def test_source_label_and_value_in_separate_elements_and_picture_credits() -> None:
    art = extract(news("2019-09-07 16:28:35 <span>来源: </span><a href='/'>新京报</a>",
                       ["（来源：梨视频）", "图片来源：未来科学大奖官网"]), "http://x.cn/1.html", {})
    assert art.source == "新京报"


def test_a_picture_credit_or_bracketed_source_is_not_the_outlet() -> None:
    art = extract(news("2019-09-07 16:28", ["图片来源：未来科学大奖官网", "正文（来源：梨视频）继续说明情况。"]),
                  "http://x.cn/2.html", {})
    assert art.source in (None, "梨视频")  # never "未来科学大奖官网", never with a stray bracket


def test_wire_dateline_names_the_outlet() -> None:
    art = extract(news("2024-05-20 16:05", ["新华社北京5月20日电（记者 张三）国家统计局20日发布数据，经济运行稳中有进。"]),
                  "http://x.cn/3.html", {})
    assert art.source == "新华社"
    tw = extract(news("2018-02-28 14:31 中央社 澎湖縣28日電", ["澎湖一名男子今早未到醫院洗腎，警方報請檢方相驗中。"]),
                 "http://x.tw/4.html", {})
    assert tw.source == "中央社"


def test_outlet_before_the_reporter_after_a_timestamp() -> None:
    art = extract(news("2019-03-18 23:59聯合報 記者陳嘉寧／桃園機場報導", ["男子昨天傍晚被航警局移送桃園地檢署後聲押。"]),
                  "http://x.tw/5.html", {})
    assert art.source == "聯合報" and art.authors == ["陳嘉寧"]


def test_editor_roles_selected_by_and_latin_names() -> None:
    art = extract(news("2024-05-20 16:25:01 来源: 上海奉贤 选稿：许文杰", ["据中国地震台网正式测定，新疆发生5.2级地震。"]),
                  "http://x.cn/6.html", {})
    assert art.editor == "许文杰"
    latin = extract(news("2024-05-20", ["据介绍，新处理器的能效比上一代提高了一倍。", "责任编辑：Demi Xia"]),
                    "http://x.cn/7.html", {})
    assert latin.editor == "Demi Xia"


def tagged(meta_keywords: str = "", sidebar_first: bool = False) -> bytes:
    tags = ("<div class='tags'><a href='/tag/ai'>人工智能</a> <a href='/tag/chip'>芯片</a> "
            "<a href='/tag/industry'>产业前沿</a></div>")
    cloud = ("<div class='side'><h3>热门TAGS</h3>" + "".join(f"<a href='/tag/t{i}'>标签{i}</a>" for i in range(20))
             + "</div>")
    meta = f"<meta name='keywords' content='{meta_keywords}'>" if meta_keywords else ""
    body = "".join(f"<p>第{i}段：新一代处理器的能效比上一代提高了一倍，多家厂商已开始送样测试。</p>" for i in range(6))
    return (f"<html><head><meta charset='utf-8'><title>新处理器发布</title>{meta}</head><body><h1>新处理器发布</h1>"
            f"<div class='content'>{body}</div>{cloud if sidebar_first else tags}<a href='/about'>关于我们</a>"
            f"{'' if sidebar_first else cloud}</body></html>").encode()


def test_visible_tag_links_under_the_article_are_its_keywords() -> None:
    assert extract(tagged(), "http://x.cn/t1.html", {}).keywords == ["人工智能", "芯片", "产业前沿"]
    assert extract(tagged(meta_keywords="处理器,能效"), "http://x.cn/t2.html", {}).keywords == ["处理器", "能效"]
    assert extract(tagged(sidebar_first=True), "http://x.cn/t3.html", {}).keywords == []  # a 20-tag cloud


# Misfires found in review: ordinary pages where the rules above must not fire.
def test_rules_do_not_misfire_on_ordinary_pages() -> None:
    def one(info: str, paragraphs: list[str], after: str = "") -> object:
        return extract(news(info, paragraphs, after), "http://x.cn/r.html", {})

    lead = "作者：张三，来源：人民日报，发布时间：2024-05-20"
    assert lead not in one("", [lead]).body  # an info line with commas is still an info line
    assert one("2024-05-20 <span>责任编辑：</span><span>分享到：</span>", []).editor is None
    assert one("<span>来源：</span><span>2024-05-20 10:30</span>", []).source is None
    assert one("<span>国内</span><span>2024-05-20 10:30</span>", [], ).authors == []
    assert one("<span>2024-05-20 10:30</span><span>·</span><span>浙江</span>", []).authors == []
    assert one("2024-05-20", ["据新华社北京5月20日电，国家统计局发布数据。"]).source == "新华社"
    kept = ["截至一季度末，平台付费会员数量达到一亿一千万，同比增长百分之八。", "交警部门提醒广大驾驶人，严格遵守交通法规，珍惜生命。"]
    assert all(line in one("2024-05-20", kept).body.split("\n") for line in kept)
    assert one("2024-05-20 10:30 首席记者 张三", []).source != "首席"
    assert one("2024-05-20 来源：人民日报（海外版）", []).source == "人民日报（海外版）"
    assert one("2024-05-20", ["简讯", "市里今天召开全市经济工作会议，部署下半年重点任务。"]).body.startswith("简讯")


def test_a_blogger_named_in_the_site_name_is_still_the_author() -> None:
    html = ("<html><head><meta charset='utf-8'><title>读书笔记三则_韩寒的博客</title><meta name='author' content='韩寒'>"
            "</head><body><h1>读书笔记三则</h1><div class='content'>"
            + "".join(f"<p>第{i}则：这本书写的是一座小城里几代人的生活，读来让人想起很多往事。</p>" for i in range(6))
            + "</div></body></html>")
    assert extract(html.encode(), "http://blog.x.cn/1.html", {}).authors == ["韩寒"]


def test_a_sidebar_tag_box_is_not_the_articles_keywords() -> None:
    body = "".join(f"<p>第{i}段：新一代处理器的能效比上一代提高了一倍，多家厂商已开始送样测试。</p>" for i in range(6))
    html = (f"<html><head><meta charset='utf-8'><title>新处理器发布</title></head><body><h1>新处理器发布</h1>"
            f"<div class='content'>{body}</div><a href='/news/2.html'>上一篇：旧闻</a><div class='side'><h3>热门标签</h3>"
            + "".join(f"<a href='/tags/{i}'>{w}</a>" for i, w in enumerate(["美食", "旅游", "房价", "教育", "汽车"]))
            + "</div></body></html>")
    assert extract(html.encode(), "http://x.cn/s.html", {}).keywords == []


def test_a_centred_site_banner_is_not_the_headline() -> None:
    prose = "".join(f"<p>第{i}段：全市经济运行稳中向好，主要指标好于预期，发展质量稳步提升。</p>" for i in range(8))
    html = ("<html><head><title>无标题文档</title></head><body><table><tr><td align=center><b>江城在线</b></td></tr></table>"
            f"<p align=center><strong>全市经济运行稳中向好</strong></p>{prose}</body></html>")
    assert extract(html.encode("gb18030"), "http://x.cn/b.html", {}).title == "全市经济运行稳中向好"


def test_numeric_meta_author_and_meta_author_that_is_the_outlet_are_refused() -> None:
    art = extract(page("<span>2019-06-15</span>", meta_author="104363"), "http://x.cn/5.html", {})
    assert art.authors == []  # a CMS user id
    outlet = page("<span>2019-06-15</span> <span>来源：参考消息</span>", meta_author="参考消息")
    art = extract(outlet, "http://x.cn/6.html", {})
    assert art.source == "参考消息" and art.authors == []


def test_broken_meta_keywords_and_keywords_that_repeat_the_headline_are_dropped() -> None:
    html = page("<span>2019-06-15</span>").replace(
        b'<meta name="author"', '<meta name="keywords" content="<meta name=" author><meta name="x"'.encode())
    assert extract(html, "http://x.cn/7.html", {}).keywords == []
    html = page("<span>2019-06-15</span>").replace(
        b'<meta name="author"', '<meta name="keywords" content="京沪高速部分路段封闭施工,施工"><meta name="x"'.encode())
    assert extract(html, "http://x.cn/8.html", {}).keywords == ["施工"]


def test_buttons_photo_notes_and_staff_qualifiers_are_not_names() -> None:
    art = extract(page("<span>去驴行</span><span>关注</span>", meta_author=""), "http://x.cn/9.html", {})
    assert art.authors == []
    lead = "<p>本站讯（职工通讯员 李琴雯 刘会）为深入推进党建与业务工作紧密结合，我院举办了专业技能大赛。</p>"
    art = extract(page("<span>2019-10-31</span>", meta_author="").replace(b'<div class="post_body">',
                                                                          b'<div class="post_body">' + lead.encode()),
                  "http://x.cn/10.html", {})
    assert art.authors == ["李琴雯", "刘会"]
    tail = "<p>公园里的设施也非常齐全，从跑道到健身器材区域，应有尽有，市民很满意。</p><p>Gweilo镜头下的南湖公园（视频截图）</p>"
    art = extract(page("<span>2019-11-25</span>", meta_author="").replace(b"<p>\xe6\x9d\xa5\xe6\xba\x90", tail.encode() + b"<p>\xe6\x9d\xa5\xe6\xba\x90"),
                  "http://x.cn/11.html", {})
    assert art.authors == []


def test_a_title_tag_naming_only_section_and_site_gives_way_to_the_dated_heading() -> None:
    html = ("<html><head><meta charset='utf-8'><title>新闻动态--中国地理学会官网</title></head><body>"
            "<div class='se_nav'><h3>首页 - 新闻动态</h3></div><div class='news_left'>"
            "<h5>2019年中国人文地理学术年会在重庆成功举行！</h5><div class='ly'><b>发布时间：2019-05-18</b> <i>来源：中国地理学会</i></div>"
            f"<div class='detail'>{BODY}</div></div><div class='footer'><h3>友情链接 / Friendship link</h3>"
            "<p>版权所有：© 2001-2012 中国地理学会</p></div></body></html>").encode()
    art = extract(html, "http://www.gsc.org.cn/a/1.html", {})
    assert art.title == "2019年中国人文地理学术年会在重庆成功举行！"
    assert art.published.startswith("2019-05-18") and art.source == "中国地理学会"


def test_compiling_and_notice_words_are_not_names() -> None:
    lead = "<p>长江网10月4日讯（记者陈智 整合）国庆假期，全市各大景区迎来客流高峰，交通部门提前部署保障工作。</p>"
    html = page("<span>2019-10-04</span>", meta_author="").replace(b'<div class="post_body">',
                                                                   b'<div class="post_body">' + lead.encode())
    assert extract(html, "http://x.cn/12.html", {}).authors == ["陈智"]
