"""Line-level judgements at the edges of a body: a dated lead is prose, notices and info lines are chrome."""

from __future__ import annotations

from archiver.extract import extract

FILLER = ["一季度全市地区生产总值同比增长百分之五点八，高于全省平均水平，增速比去年同期加快零点六个百分点。",
          "规模以上工业增加值增长百分之七，固定资产投资增长百分之九，社会消费品零售总额增长百分之六。"]


def page(paragraphs: list[str], info: str = "2024-05-20 来源：江城日报") -> bytes:
    return ("<html><head><meta charset='utf-8'><title>全市经济运行稳中向好_江城新闻网</title></head><body>"
            f"<h1>全市经济运行稳中向好</h1><div class='info'>{info}</div><div class='content'>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></body></html>").encode()


def test_a_dated_lead_that_mentions_publishing_stays_in_the_body() -> None:
    lead = "2024年5月20日，市统计局发布数据显示，全市经济运行稳中向好。"
    art = extract(page([lead, *FILLER]), "http://x.cn/a.html", {})
    assert art.body.split("\n")[0] == lead
    assert art.byline != lead


def test_a_toolbar_info_line_opening_the_body_is_not_body() -> None:
    art = extract(page(["2019年09月11日01:53 新浪科技 收藏本文", *FILLER], info=""), "http://x.cn/b.html", {})
    assert art.body.split("\n")[0] == FILLER[0]
    assert art.published and art.published.startswith("2019-09-11")


def test_paywall_and_hotline_notices_are_chrome() -> None:
    notices = ["您所瀏覽的新聞已過查詢時效。建議您加入中央社付費會員找尋您要的新聞。",
               "自殺解決不了問題，卻留給家人無比悲痛。請珍惜生命。", "再給自己一次機會", "自殺防治諮詢安心專線：0800-788995（24小時）",
               "生命線協談專線：1995", "張老師專線：1980", ">>加入蘋果日報粉絲團94即時94狂！"]
    art = extract(page([*FILLER, *notices]), "http://x.cn/c.html", {})
    assert art.body.split("\n") == FILLER


def test_english_ad_slots_script_notices_and_photo_credits_are_chrome() -> None:
    prose = [f"Paragraph {i}: the council approved the new bus routes after a long public consultation, "
             "and officials said the changes would take effect next month across the city." for i in range(6)]
    lines = [prose[0], "Advert", prose[1], "This slideshow requires JavaScript.", prose[2], "Photo: Meg Kinnard, AP",
             *prose[3:], "Most read in world news", "Andrew parties in unearthed pics", "Greta spotted in old photo"]
    html = ("<html><head><title>Council approves bus routes</title></head><body><h1>Council approves bus routes</h1>"
            "<div class='article'>" + "".join(f"<p>{line}</p>" for line in lines) + "</div></body></html>")
    art = extract(html.encode(), "http://example.com/news/1.html", {})
    assert art.body.split("\n") == prose


def test_a_blog_post_footer_is_the_publish_time_not_body() -> None:
    html = ("<html><head><meta charset='utf-8'><title>很高兴入住博客堂 - 李建忠</title></head><body><div class='post'>"
            "<h2>很高兴入住博客堂</h2>" + "".join(f"<p>{p}</p>" for p in FILLER) +
            "<p class='postfoot'>发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)</p></div></body></html>")
    art = extract(html.encode(), "http://blog.example.com/lijianzhong/archive/41810.aspx", {})
    assert art.body.split("\n") == FILLER
    assert art.published and art.published.startswith("2004-12-27T12:40")


def test_comment_boxes_end_notices_disclaimers_and_account_promotions_are_chrome() -> None:
    chrome = ["评论（0）", "我要跟帖", "已输入0字", "返回腾讯网首页>>", "正文已结束，您可以按alt+4进行评论", "- THE END -",
              "转载请注明出处：快科技", "图集", "+1", "看都看完了，点【在看】试试",
              "更多猛料！欢迎扫描左方二维码关注新浪新闻官方微信（xinlang-xinwen）",
              "本文为澎湃号作者或机构在澎湃新闻上传并发布，仅代表该作者或机构观点，不代表澎湃新闻的观点或立场。",
              "澎湃新闻报料：4009-20-4009 澎湃新闻，未经授权不得转载"]
    art = extract(page([*FILLER, *chrome]), "http://x.cn/e.html", {})
    assert art.body.split("\n") == FILLER


def test_a_topic_link_heading_ends_the_body() -> None:
    art = extract(page([*FILLER, "点击进入专题：", "聚焦香港局势"]), "http://x.cn/f.html", {})
    assert art.body.split("\n") == FILLER


def test_sentences_that_mention_comments_or_reposting_stay() -> None:
    prose = ["网友在评论区留言说，希望有关部门尽快公布调查结果，不要让谣言继续传播。",
             "该公司表示，转载其稿件须经授权，已对多家网站发出律师函。"]
    art = extract(page([*FILLER, *prose]), "http://x.cn/g.html", {})
    assert art.body.split("\n") == [*FILLER, *prose]


def test_a_photo_agency_credit_marks_a_caption_and_a_web_pictures_note_is_chrome() -> None:
    html = page(FILLER).replace(b"<div class='content'>", "<div class='content'><div style='text-align:center'>"
                                "<img src='/i/1.jpg'></div><span>共享充电宝。视觉中国 资料</span><br>".encode())
    html = html.replace(b"</div></body>", "<p>图片均来自网络</p></div></body>".encode())
    art = extract(html, "http://x.cn/h.html", {})
    assert art.body.split("\n") == FILLER
    assert [c.text for c in art.captions] == ["共享充电宝。视觉中国 资料"]


def test_english_bylines_credits_and_trending_boxes_inside_the_article() -> None:
    prose = [f"Paragraph {i}: the council approved the new bus routes after a long public consultation, "
             "and officials said the changes would take effect next month across the city." for i in range(6)]
    lead = "By 2020, the council said, every district would have a direct bus to the centre."
    trending = ("<div class='rail rail--trending'><h3>Most read in world news</h3>"
                + "".join(f"<div class='item'><span>HEADLINE {i}</span><span>Story teaser number {i}</span></div>"
                          for i in range(4)) + "</div>")
    html = ("<html><head><title>Council approves bus routes</title></head><body><h1>Council approves bus routes</h1>"
            "<div class='article'><p>By Jane Doe | Nov 18, 2019 5:19 PM</p>"
            + "".join(f"<p>{p}</p>" for p in [lead, *prose[:3]])
            + "<p>Buses at the central station, where the new routes startCredit: Reuters</p>" + trending
            + "".join(f"<p>{p}</p>" for p in prose[3:]) + "</div></body></html>")
    art = extract(html.encode(), "http://example.com/news/2.html", {})
    assert art.body.split("\n") == [lead, *prose]
    assert art.byline == "By Jane Doe | Nov 18, 2019 5:19 PM"


def test_wire_photo_captions_and_continue_reading_are_not_body() -> None:
    prose = [f"Paragraph {i}: the former governor told voters on Tuesday that he would focus on jobs, "
             "and he promised to visit every county in the state before the primary." for i in range(5)]
    caption = ("Former Massachusetts Gov. Deval Patrick, left, speaks with a business owner during a campaign stop, "
               "Tuesday, Nov. 19, 2019, in Columbia, S.C.")
    lines = [prose[0], caption, prose[1], caption, prose[2], "Continue Reading Below", prose[3],
             "Vicente Aguiar loads garage door trims into his pickup truck. (AP Photo/Alan Diaz, File)", prose[4]]
    html = ("<html><head><title>Patrick campaigns in South Carolina</title></head><body><h1>Patrick campaigns in South "
            "Carolina</h1><div class='article'>" + "".join(f"<p>{line}</p>" for line in lines) + "</div></body></html>")
    art = extract(html.encode(), "http://example.com/news/3.html", {})
    assert art.body.split("\n") == prose
    assert caption in [c.text for c in art.captions]


def test_shortcode_buttons_and_comment_headings_are_chrome() -> None:
    prose = [f"Paragraph {i}: the new helmet is light and quiet, and the visor stays clear in the rain, "
             "which makes it a good choice for riders who commute every day of the year." for i in range(5)]
    lines = [*prose, "[button link=\u201dhttp://www.morebikes.co.uk/submit-kit-review/\u201d type=\u201dbig\u201d] "
             "Send us YOUR kit review[/button]", "Comments"]
    html = ("<html><head><title>Helmet review</title></head><body><h1>Helmet review</h1><div class='article'>"
            + "".join(f"<p>{line}</p>" for line in lines) + "</div></body></html>")
    art = extract(html.encode(), "http://example.com/reviews/1.html", {})
    assert art.body.split("\n") == prose
    keep = [*prose[:2], "Comments on the review were overwhelmingly positive, readers said.", *prose[2:]]
    html = html.replace("".join(f"<p>{line}</p>" for line in lines), "".join(f"<p>{line}</p>" for line in keep))
    assert extract(html.encode(), "http://example.com/reviews/2.html", {}).body.split("\n") == keep


# Promotions of QR codes, accounts and apps (a review found these leaking once the rules were narrowed
# to spare story sentences), and story sentences that mention the same words.
PROMOTIONS = ["扫描二维码 查看更多", "扫描二维码了解详情", "用手机扫描二维码，随时随地看新闻", "扫描二维码，参与互动",
              "（扫描下方二维码观看完整视频）", "掃描二維碼，即時掌握最新消息", "微信搜索“江城发布”或扫描下方二维码",
              "更多资讯可关注“江城发布”微信公众号", "记得关注“江城晚报”微信公众号哦！", "▲关注江城发布微信公众号，不错过每一条权威信息",
              "江城发布微信公众号欢迎您的关注", "搜索微信公众号“江城发布”关注我们", "本文来源于微信公众号“江城观察”",
              "【本文来自微信公众号：江城观察，作者：李明】", "图文来源：江城发布微信公众号", "如需转载请联系江城观察微信公众号",
              "江城日报微信公众号", "微信公众号ID：jcfb2019", "微信公众号 | 江城发布", "添加微信公众号：jcfb2019，获取每日早报",
              "点击上方蓝字关注我们", "觉得不错？请点赞、分享、关注", "下载江城新闻客户端，看更多新闻", "扫码关注“临沧新闻网”微信公众号",
              "24小时滚动播报最新的财经资讯和视频，更多粉丝福利扫描二维码关注（sinafinance）"]  # (a GNE test page)
STORIES = ["观众可通过博物馆微信公众号提前预约参观，每日限流3000人。", "王先生扫描二维码后，手机被植入木马，银行卡里的2万元被转走。",
           "市民扫码关注“江城公交”公众号后，即可查询车辆实时到站信息。", "有市民扫码下载了这款APP后，账户资金被盗刷。",
           "患者可长按识别二维码进入预约系统，选择就诊时间。", "公众号：“临沧文旅”5月23日发布消息称，端午假期期间，全市A级景区将推出门票优惠活动。",
           "随后，对方发来一个微信号：kf-lipei2024，让王女士添加好友并进入“理赔群”。", "警方已通过人脸识别系统获取嫌疑人出行轨迹。",
           "同时长按电源键和音量减键进入恢复模式，即可清除数据。", "该县文旅局微信公众号5月21日发布通知称，景区将于6月1日起恢复开放。",
           "民眾可透過掃描二維碼下載應用程式申請補助，市府也設有臨櫃服務。", "骗子诱导受害人扫描二维码下载一款所谓的投资APP，随后要求充值。",
           "扫码进入景区成常态", "人脸识别获取信息需经同意"]  # subheadings


def test_promotions_are_chrome_and_stories_that_mention_them_stay() -> None:
    art = extract(page([*FILLER, *STORIES, *PROMOTIONS]), "http://x.cn/p.html", {})
    assert art.body.split("\n") == [*FILLER, *STORIES]
