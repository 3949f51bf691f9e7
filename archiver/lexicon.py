"""Named word lists, patterns and thresholds used by the extractor.

Kept as data so they can be read, tested and tuned in one place. Role words
carry both simplified and traditional forms (記者/记者) because farm sites and
Taiwanese / Hong Kong outlets use the latter.
"""

from __future__ import annotations

import re

# --- tags -------------------------------------------------------------------
# Removed before anything else: never content.
JUNK_TAGS = ("script", "style", "noscript", "iframe", "select", "option", "button", "textarea",
             "svg", "canvas", "video", "audio", "object", "embed", "input", "link", "meta", "template")
# Elements that start a new paragraph.
BLOCK_TAGS = frozenset(
    "p div td th tr table li ul ol dl dt dd h1 h2 h3 h4 h5 h6 pre blockquote section article "
    "header footer aside main center figure figcaption address hr nav form fieldset tbody thead".split()
)
HEADING_TAGS = ("h1", "h2", "h3")

# --- class / id cues --------------------------------------------------------
# Chrome containers, after readability's unlikelyCandidates plus Chinese portal names.
NEGATIVE_ATTR = re.compile(
    r"""(?ix) (^|[-_\s])(
      nav|navbar|menu|breadcrumb|crumb|bread|position|location|loc|weizhi|dqwz|
      footer|foot|copyright|copy|banquan|bottom|
      share|bshare|jiathis|social|fenxiang|sns|
      comment|pinglun|reply|
      related|relate|xgxw|tuijian|recommend|hot|rank|paihang|latest|recent|zuixin|most-?read|popular|trending|
      sidebar|side|aside|right|rightbox|
      ad|ads|advert|adv|guanggao|gg|sponsor|promo|
      pager|pagination|page-?nav|fenye|
      prev|next|shangyipian|xiayipian|
      tags?|keywords?|
      login|search|toolbar|tool|print|qrcode|erweima|ewm|app-?down(load)?|download-?app|
      statement|disclaimer|shengming|mianze|
      modal|popup|dialog|hidden
    )s?($|[-_\s\d])""")
# Boxes whose text must not make their container look like the article (readability's unlikely candidates,
# without the positional names: a column classed "right" or "bottom" can hold the article).
BOX_ATTR = re.compile(
    r"""(?ix) (^|[-_\s])(
      nav|navbar|menu|breadcrumb|crumb|footer|copyright|banquan|share|bshare|jiathis|social|fenxiang|
      comments?|pinglun|reply|related|relate|xgxw|tuijian|recommend|hot|rank|paihang|latest|zuixin|most-?read|
      trending|feed|ad|ads|advert|guanggao|sponsor|promo
    )s?($|[-_\s\d])""")
# Reader comments: never the article, however much text they hold.
COMMENTS_ATTR = re.compile(r"(?i)(^|[-_\s])(comments?|pinglun|reply|replies|feedback|discuss)($|[-_\s\d])")
POSITIVE_ATTR = re.compile(
    r"(?i)article|content|contents|main|body|text|entry|post|story|detail|zhengwen|news_?txt|artibody|TRS_Editor|"
    r"Custom_UnionStyle|cont|conts|neirong|wenzhang")
# Text characters between the headline and the start of an element still counted as "right under it"
# (bylines, a share bar, a lead-in quote).
NEAR_HEADLINE_CHARS = 200
NOT_LEAD_ATTR = re.compile(r"(?i)caption|credit|byline|meta|author|date|time|info|source|share|tool|summary|abstract|"
                           r"bianzhe|daoyu|zhaiyao|tiyao")
# An editor's note or summary under the headline is not the article's first paragraph.
NOTE_LEAD = re.compile(r"^\s*[【\[]?\s*(编者按|編者按|编者的话|編者的話|编前|編前|导语|導語|核心提示|摘要|内容提要|內容提要)")
LEAD_MIN_CHARS = 40  # a paragraph of prose, not a dateline ("UPDATED: Tue., Nov. 19, 2019") or a byline
NEAR_HEADLINE_MIN_BLOCKS = 3  # and holding paragraphs: a one-block abstract under the headline is not favoured
# A chosen container narrows to a child holding this share of its punctuation (its sentences).
PROSE_CHILD_SHARE = 0.8
CAPTION_ATTR = re.compile(r"(?i)caption|pic-?text|pictext|img-?(desc|text|title|note)|photo-?(desc|text)|"
                          r"tupian|pic_?(tit|note|con)|imgtxt|pictit|ptxt|wenzi|img_?desc|(pic|img|photo)-?_?info")

# --- promotions: QR codes, official accounts, apps -------------------------------------------------
# Chrome only as a call to act, a caption or label, or a repost note; a story's sentence that mentions
# them stays ("观众可通过微信公众号提前预约", "二维码收款记录成为关键证据", "人脸识别后即可进入",
# "对方发来一个微信号：…", "公众号：“XX”5月23日发布消息称…", "市民扫码关注“江城公交”公众号后，即可查询…").
_DECOR = r"[\s▲▼↓↑►▶●■◆★☆\-—–~·•*（(【\[]*"  # before a call: "▲关注…", "—— 关注…"
_ACCOUNT = r"(微信公众号|微信公眾號|公众号|公眾號)"
_QR = r"(二维码|二維碼)"
_SCAN = r"(扫描|掃描|扫一扫|掃一掃|扫码|掃碼|长按|長按|识别|識別)"
_WHERE = r"(图中|圖中|下方|上方|左侧|右侧|左方|右方|文末|下面|页面|頁面)?(的)?"
_ACT = r"(关注|關注|下载|下載|订阅|訂閱|分享|阅读|閱讀|收看|进入|進入|加入|获取|獲取|解锁|解鎖|了解更多)"
_NO_STOP = r"[^。！？!?]"  # a line with none of these is no sentence
_PROMO = rf"""
      # a QR call where the line begins ("扫描二维码 查看更多", "请扫描二维码", "打开微信扫描二维码"), not "扫描二维码后…"
      ^{_DECOR}(请|請|欢迎|歡迎)?(用|使用|打开|打開)?(手机|手機)?(微信|微信中)?\s*{_SCAN}(识别|識別)?{_WHERE}{_QR}(?!\s*(后|後)){_NO_STOP}{{0,20}}$|
      # after a few words, only in a line that is no sentence ("微信搜索“X”或扫描下方二维码", "更多資訊請掃描二維碼")
      ^{_NO_STOP}{{0,16}}{_SCAN}{_WHERE}{_QR}[\s)）】]*$|
      ^{_NO_STOP}{{0,16}}{_SCAN}{_WHERE}{_QR}{_NO_STOP}{{0,8}}{_ACT}{_NO_STOP}{{0,30}}$|
      # (without a QR code, only the promotional verbs: a subheading "扫码进入景区成常态", "人脸识别获取信息需经同意" stays)
      ^{_NO_STOP}{{0,16}}(扫码|掃碼|扫一扫|掃一掃){_NO_STOP}{{0,4}}(关注|關注|下载|下載|订阅|訂閱){_NO_STOP}{{0,30}}$|
      (扫描|掃描).{{0,4}}[左右上下]方{_QR}.{{0,8}}(关注|關注|下载|下載|订阅|訂閱|解锁|解鎖|获取|獲取|了解更多)|
      # "…更多粉丝福利扫描二维码关注（sinafinance）": a call to follow that ends the line, no sentence after it
      (扫描|掃描|扫码|掃碼|长按|長按)(识别|識別)?{_WHERE}{_QR}?(关注|關注){_NO_STOP}{{0,30}}$|
      ^\s*{_QR}\s*$|
      # an account's caption or label: "江城日报微信公众号", "微信公众号ID：jcfb2019", "微信公众号 | 江城发布"
      ^\s*[\u3400-\u9fff“”「」"A-Za-z]{{0,12}}(微信公众号|微信公眾號){_QR}?\s*$|
      (微信公众号|微信公眾號|公众号|公眾號|微信号|微信號)\s*(ID|id)?\s*[：:|｜]\s*[^。！？!?，,；;\s]{{2,24}}\s*$|
      {_ACCOUNT}\s*(ID|id)?\s*[：:]\s*[A-Za-z][A-Za-z0-9_\-]{{3,}}[，,]|
      {_ACCOUNT}.{{0,30}}[(（]\s*(ID|id|微信号|微信號)\s*[：:]|
      # calls to follow: "关注公众号“X”…", "记得关注…公众号", "更多资讯可关注…公众号", "…公众号欢迎您的关注"
      ^{_DECOR}(请|請|欢迎|歡迎|敬请|敬請|点击|點擊|搜索|搜尋)?(关注|關注)(我们|我們|本报|本報|本站|本网|本網)?.{{0,12}}({_ACCOUNT}|微信号|微信號)|
      (记得|記得|快来|快來|欢迎|歡迎|敬请|敬請|请|請)(关注|關注|订阅|訂閱|追蹤|追踪)[^。！？]{{0,14}}{_ACCOUNT}|
      (更多|了解更多)[^。！？]{{0,12}}(可|请|請)?(关注|關注|订阅|訂閱)[^。！？]{{0,14}}{_ACCOUNT}|
      ^[^。！？]{{0,6}}(可|请|請)(关注|關注)[^。！？]{{0,14}}{_ACCOUNT}{_NO_STOP}{{0,12}}$|
      {_ACCOUNT}[^。！？]{{0,6}}(欢迎|歡迎)(您|你)?的?(关注|關注)|
      (微信公众号|微信公眾號|公众号|公眾號|微信)\s*(搜索|搜尋)[^。！？]{{0,16}}(关注|關注)|^\s*(搜索|搜尋){_ACCOUNT}|
      # repost notes and source labels: "本文转载自“X”微信公众号", "图文来源：X微信公众号", "如需转载请联系…公众号"
      ^{_DECOR}(本文|文章|此文|本篇|原文)(经授权|經授權)?(来源于|來源於|来自|來自|转自|轉自|转载自|轉載自|首发于|首發於|系|为|為|原载于|原載於)[^。！？]{{0,16}}{_ACCOUNT}|
      ^\s*[【\[]?\s*(图文|圖文|图片|圖片|内容|內容|视频|視頻|素材|文字|信息)?(来源|來源|转自|轉自|转载自|轉載自)\s*[：:]\s*[^。！？，,]{{0,20}}{_ACCOUNT}[」”"]?\s*[】\]]?\s*$|
      (转载|轉載)[^。！？]{{0,10}}(联系|聯繫|聯絡)[^。！？]{{0,12}}{_ACCOUNT}|
      # an app download ("下载江城新闻客户端，看更多新闻"); buttons of account articles ("点击上方蓝字关注我们",
      # "戳这里关注我们", "请点赞、分享、关注")
      ^\s*(下载|下載).{{0,12}}(客户端|客戶端|APP|App|app)[，,\s]{_NO_STOP}{{0,12}}$|
      ^\s*(点击|點擊)(上方|下方)(蓝字|藍字|名片)|^\s*戳(这里|這裡).{{0,6}}(关注|關注)|(点赞|點讚)[、，,]\s*(分享|转发|轉發).{{0,4}}(关注|關注)|
"""


# --- line-level chrome --------------------------------------------------------
# A body line matching these is chrome wherever it stands.
CHROME_LINE = re.compile(
    r"""(?x)
      ICP[备備证證]|公网安备|公網安備|版权所有|版權所有|Copyright|©|\(c\)\s*\d{4}|
      ^\s*[【\[]?\s*(分享到|分享至|扫一扫|掃一掃|打印|关闭|關閉|返回顶部|字号|字號|字体|字體|收藏)|
      ^\s*(上一篇|下一篇|上一條|下一條|上一页|下一页|上一頁|下一頁)\s*[：:]?|
      ^\s*(相关新闻|相關新聞|相关阅读|相關閱讀|延伸阅读|延伸閱讀|最近更新|热门推荐|熱門推薦|推荐阅读|推薦閱讀|
           热点新闻|熱點新聞|猜你喜欢|更多精彩|精彩推荐|今日推荐|点击排行|點擊排行|相关报道|相關報導|相关链接|相關鏈接|
           相关文章|相關文章|相关专题|相關專題|相关推荐|相關推薦)\s*[：:]?\s*$|
      ^\s*(免责声明|免責聲明|声明[：:]|聲明[：:]|特别声明|特別聲明)|
      ^\s*(联系我们|聯繫我們|聯絡我們|关于我们|關於我們|网站地图|網站地圖)|
""" + _PROMO + r"""
      (浏览|瀏覽|点击|點擊|阅读)(次数|量|数)[：:]|
      ^\s*【?(打印本页|关闭窗口|打印此文|我要纠错|我要糾錯)|
      ^\s*(举报|舉報|纠错|糾錯|已收藏|收藏成功|知道了|取消收藏)\s*[!！]?\s*$|
      ^\s*(责任编辑|責任編輯|编辑|編輯|作者|来源|來源)\s*[：:]\s*$|
      ^[\d\s]*(上一页|下一页|上一頁|下一頁|首页|尾页|末页)[\d\s]*$|^\s*(\d+\s+){2,}\d+\s*$|
      # comment boxes, end-of-article notices, reposting and opinion disclaimers, account promotions
      ^\s*(我要跟帖|我要评论|我要評論|发表评论|發表評論|评论|評論|跟帖)\s*([（(]\s*\d*\s*[)）])?\s*$|
      ^\s*(已输入|已輸入|还可以输入|還可以輸入)\s*\d+\s*字|正文已结束|正文已結束|^\s*返回.{1,8}首[页頁]\s*(>>|»)?\s*$|
      (?i:^\s*[-—–~\s]*the\s+end[-—–~\s]*$)|^\s*(图集|圖集|\+1)\s*$|
      ^\s*(转载请注明|轉載請註明).{0,20}$|^\s*[▪•·]?\s*(订阅|訂閱).{0,12}(电子报|電子報)|
      ^\s*[（(]?\s*(未完|待续|待續)[，,、]?\s*(请看|請看|转|轉|接)?(下一?页|下一?頁|下期|第?\d+版)?\s*[)）]?\s*$|^.{0,30}[\s，,。](未经授权不得转载|未經授權不得轉載)[。!！]?\s*$|
      ^\s*(本文|本站|本网|本網|该文|該文|以上内容|以上內容).{0,30}(仅代表|僅代表).{0,30}(不代表|並不代表|并不代表)|
      不代表本(站|网|網|报|報)(的)?(观点|立场|觀點|立場)|
      ^\s*(本网站|本網站|本网|本網|本站)(之|的)?(所有|全部)?(文字|图片|圖片|内容|內容|文章|稿件|作品|资料|資料|影音)
          .{0,16}(非经|非經|未经|未經)(授权|授權)[，,]?\s*(不得|禁止).{0,30}$|
      ^\s*(如有|如您有|欢迎提供|歡迎提供)?.{0,6}(新闻线索|新聞線索|爆料).{0,20}(热线|熱線|电话|電話|邮箱|郵箱)\s*[：:]\s*[\d（(A-Za-z]|
      点[【\[]在看[】\]]|^\s*点个在看|
      ^\s*[（(]?\s*(图片|圖片|配图|配圖)(均)?(来自|來自|来源于|來源於|源自|取自)(网络|網絡|網路).{0,16}$|
      # paywall and membership notices; "my favourites" hints
      加入.{0,12}(付費會員|付费会员)|已過查詢時效|已过查询时效|^\s*(>>|»)?\s*加入.{0,12}(粉絲團|粉丝团)|查看所有收藏|
      # the suicide-prevention notice Taiwanese outlets append to such reports (hotlines, one per line)
      安心專線|協談專線|张老师专线|張老師專線|自[殺杀].{0,30}珍惜生命|^\s*再給自己一次機會\s*$|
      # English pages: ad slots, script notices, bare photo credits
      (?i:^\s*(advert|advertisement|sponsored(\s+content)?)\s*$|this\s+slideshow\s+requires\s+javascript|
          ^\s*continue\s+reading(\s+below)?\s*$|^\s*(\d+\s+)?comments?\s*(\(\d+\))?\s*$|
          # an unrendered WordPress shortcode button: "[button link=…]Send us YOUR kit review[/button]"
          ^\s*\[(?P<sc>\w+)\b[^\]]*\].*\[/(?P=sc)\]\s*$|
          # wire-photo captions end in their credit: "(AP Photo/Alan Diaz, File)", "(Photo by …/Getty Images)"
          (?-i:\((?:AP|AFP|EPA|Reuters|Getty\s+Images)\s+Photo\b[^()]{0,80}\)\s*$|\(Photo\s*(?:/|:|by\s)[^()]{2,80}\)\s*$)|
          # a caption run into its credit ("…sought treatmentCredit: EPA")
          (?-i:[a-z.)]Credit:\s*[A-Z][\w .,&/'’-]{1,40}$)|
          ^\s*(photo|image|picture)s?\s*(credit)?\s*:\s*[^.!?]{2,60}$)
    """)
# Contact lines: chrome at the head or tail of a body, kept in the middle.
# A related-links heading near the end of a body: everything after it is a link list.
RELATED_HEADING = re.compile(r"^\s*[【\[]?\s*(相关新闻|相關新聞|相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关报道|相關報導|相关链接|相關鏈接|"
                             r"相关文章|相關文章|推荐阅读|推薦閱讀|更多阅读|更多閱讀|相关推荐|相關推薦|点击进入专题|點擊進入專題|"
                             r"(?i:most\s+(read|popular|viewed)(\s+in\s+[\w ]{2,30})?|related\s+(articles|stories|news)|"
                             r"more\s+stories|you\s+may\s+also\s+like|recommended\s+for\s+you))\s*[】\]]?\s*[：:]?\s*$")
KEYWORD_MAX_TITLE_CHARS = 6  # a keyword equal to a headline longer than this is the headline copied, not a tag
# A wire-photo caption dates its picture by weekday and full date before the place:
# "…speaks with a business owner during a campaign stop, Tuesday, Nov. 19, 2019, in Columbia, S.C."
WIRE_CAPTION = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(19|20)\d{2},?\s+"
                          r"(in|at|near|outside|inside)\s+[A-Z][^;:!?]{0,50}?\.?\s*(\([^()]{0,80}\))?\s*$")
RELATED_TAIL_SHARE = 0.5  # only in the second half of the body
LINK_LIST_ITEM_CHARS = 150  # a sidebar entry: a linked headline with its date or source
HEADLINE_LINK_CHARS = 6  # ... the headline link at least this long, and not a tool link:
TOOL_LINK = re.compile(r"^[【\[［]?\s*(打印|關閉|关闭|字号|字號|字体|字體|收藏|分享|返回|顶部|頂部|纠错|糾錯|我要|加入收藏)")
SIBLING_PROSE_MIN_CHARS = 20  # a sentence (it ends in a full stop) after a photo that follows the article's element
DATA_CELL_CHARS = 60  # a row whose cells are all this short is a data table's row: one body line
TEASER_HEADLINE_CHARS = 40  # a linked headline in a related box; it ends without a full stop
SENTENCE_END = re.compile(r"[。！？!?…」”\"]\s*$|\.\s*$")
# Links to a tag page: the article's visible tags, when they sit right under it.
TAG_HREF = re.compile(r"/tags?/|[?&](tag|tags|keyword)=|/keywords?/", re.I)
# Containers past the article: sidebars, "hot" boxes, footers, navigation (tag boxes themselves are fine,
# which NEGATIVE_ATTR would refuse).
# (not the article's own footer: WordPress puts a post's tags in "entry-footer")
SIDE_ATTR = re.compile(r"(?i)(^|[-_\s])(side|sidebar|aside|right|rightbox|hot|rank|(?<!entry.)(?<!post.)(?<!article.)footer|"
                       r"foot|nav|menu)($|[-_\s\d])")
# Share buttons and page tools beside keyword links: "分享到：新浪微博 微信 QQ空间", "上一篇", "【打印本页】".
SHARE_LINK = re.compile(r"^(?:[【\[]|分享|新浪微博|腾讯微博|微博|微信|朋友圈|QQ空间|QQ|豆瓣|人人网|复制链接|Facebook|Twitter|Line|Email|"
                        r"打印|关闭|關閉|返回|收藏|上一|下一|顶部|頂部)", re.I)
# A label the article's keyword links follow: "关键词：", "【关键词】", "Tags:".
KEYWORD_LABEL = re.compile(r"^\s*[【\[]?\s*(?:关键词|關鍵詞|关键字|關鍵字|标签|標籤|Tags?)\s*(?:[】\]]|[：:])?\s*$", re.I)
# A repost note names the source too: "（本文转载自中国青年报）", "文章转自：文旅中国".
# (from an account: "本文转自公众号“江城发布”", "转载自微信公众号：平安江城" name 江城发布 / 平安江城)
_REPOSTED = (r"(?:(?:本文|文章|此文|原文|本篇)?(?:转载自|轉載自|转自|轉自)\s*(?:微信)?(?:公众号|公眾號)?\s*[：:]|"
             r"(?:本文|文章|此文|原文|本篇)(?:转载自|轉載自|转自|轉自)(?:微信)?(?:公众号|公眾號)?)\s*[“\"「『]?")
SOURCE_LINE = re.compile(rf"^\s*[（(【\[]?\s*(?:(?:文章|新闻|新聞|稿件|信息|资料|資料)?(?:来源|來源|稿源|出处|出處)\s*[：:]|{_REPOSTED})")
CREDIT_LINE = re.compile(r"[（(]?[\u3400-\u9fff·\s]{2,12}(?:摄|攝|供图|供圖)\s*[)）]?\s*$")
# Photo-story captions: one short dated sentence under an image ("5月13日，在…。").
DATED_CAPTION = re.compile(r"^\d{1,2}月\d{1,2}日[，,][^。！？]{4,60}[。.]?$")
# An item of a notice's numbered list ("二、举办地址：…"): the notice's content, whatever its label.
ENUMERATED = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d))")
CONTACT_LINE = re.compile(r"(联系|聯繫|聯絡)?(电话|電話|邮箱|郵箱|E-?mail|QQ|传真|傳真|地址)\s*[：:]", re.I)
EDITOR_LINE = re.compile(
    r"""(?x) [（(\[【]?\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯|主编|主編|审核|審核|校对|校對|监制|監製|值班编辑|选稿|選稿)
         \s*[：:]?\s*(?P<name>[\u3400-\u9fff·]{2,8}(?:\s*[、,，]\s*[\u3400-\u9fff·]{2,4})*|[A-Za-z][A-Za-z .]{1,30})
         [\s_A-Za-z0-9]*[)）\]】]?\s*$""")
# A credit block of county newsrooms and WeChat reposts: "一审：张三 二审：李四 三审：王五", "编审：… 终审：…",
# "图片：市总工会" — role fields only, at the head or tail of the body.
REVIEW_LINE = re.compile(
    r"""(?x)\s*(?:(?P<role>[一二三初复複终終]审|[一二三初复複终終]審|编审|編審|审核|審核|校对|校對|审校|審校|责编|責編|
         责任编辑|責任編輯|编辑|編輯|监制|監製|美编|美編|图片|圖片|摄影|攝影|视频|視頻|出品|策划|策劃|统筹|統籌|制作|製作)
         \s*[：:]\s*[\u3400-\u9fff·]{2,12}\s*[|｜/,，、]?\s*)+""")
REVIEWER_FIELD = re.compile(r"(?:[一二三初复複终終]审|[一二三初复複终終]審|编审|編審|审核|審核|校对|校對|审校|審校)\s*[：:]\s*"
                            r"(?P<name>[\u3400-\u9fff·]{2,4})(?![\u3400-\u9fff])")
REVIEW_EDITOR = re.compile(r"(?:责任编辑|責任編輯|责编|責編|编辑|編輯|编审|編審)\s*[：:]\s*(?P<name>[\u3400-\u9fff·]{2,4})(?![\u3400-\u9fff])")
# The same role field inside a longer text (info lines, the text after the body).
EDITOR_FIELD = re.compile(
    r"(?:责任编辑|責任編輯|责编|責編|编辑|編輯|选稿|選稿)\s*[：:]?\s*(?P<name>[\u3400-\u9fff·]{2,4})(?![\u3400-\u9fff]|\s*[：:])")
ORIGINAL_TITLE_LINE = re.compile(r"^\s*[（(]?\s*原[标標]题[：:]")
KEYWORD_LINE = re.compile(r"^\s*(?:关键词|關鍵詞|关键字|關鍵字|标签|標籤|Tags?)\s*[：:]\s*(?P<kw>.*)$", re.I)
KEYWORD_FIELD = re.compile(r"(?:关键词|關鍵詞|关键字|關鍵字|标签|標籤)\s*[：:]\s*(?P<kw>[^|\n]{1,100})")
# A page with a password field and a short text is a sign-in page when that text is the form's, or when
# its address is an account service's (passport.x.cn, /member/login.php).
FORM_PAGE_MAX_CHARS = 200
SIGN_IN_URL = re.compile(r"(?i)(?:^|[./])(?:passport|login|signin|sign-in|logon|register|reg|member|account|uc)(?:[./?_-]|$)")
GENERIC_KEYWORDS = frozenset("新闻 新聞 资讯 資訊 新闻网 新聞網 新闻中心 新聞中心 首页 首頁 门户 門戶 门户网站 門戶網站 网站 網站 "
                             "news 新闻资讯 新聞資訊 最新新闻 最新新聞 今日新闻 今日新聞 热点新闻 熱點新聞".split())
KEYWORD_SPLIT = re.compile(r"[,，、;；|\s]+")
# With other separators there, a space separates keywords only beside Han text ("Apple Daily" is one keyword)
KEYWORD_SPLIT_NO_SPACE = re.compile(r"\s*[,，、;；|]+\s*|(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])")
KEYWORD_SEPARATOR = re.compile(r"[,，、;；|]")
# Not "图片来源" (a picture credit); the value stops at a bracket it did not open: "（来源：梨视频）",
# and keeps one it did: "人民日报（海外版）".
# ("本文转自网络", "转载自其他媒体", "本站文章转载自各大媒体", "本文转载自微信公众号，如有侵权…": disclaimers, no outlet)
SOURCE_FIELD = re.compile(rf"(?<!图片)(?<!圖片)(?:(?:来源|來源|稿源|出处|出處)\s*[：:]|{_REPOSTED}(?!\s*(?:网络|網絡|網路|互联网|互聯網|"
                          r"其他|其它|网友|網友|原作者|作者|读者|讀者|各|合作|部分|微信|公众号|公眾號)))\s*"
                          r"(?P<v>(?!\d)[^\s|/　,，;；()（）\[\]【】“”\"「」『』]{2,30}(?:[（(][^\s|（()）]{1,8}[)）])?)(?!\s*[：:])")
# A wire dateline names its agency: "中央社澎湖縣28日電", "新华社北京5月20日电".
DATELINE_OUTLET = re.compile(r"(?:^|(?<=[^\u3400-\u9fff])|(?<=据)|(?<=據)|(?<=综合)|(?<=綜合)|(?<=讯)|(?<=訊))"
                             r"(?!据|據|综合|綜合|本报|本報)(?P<outlet>[\u3400-\u9fff]{1,4}社)\s*(?:(?:记者|記者)\s*[\u3400-\u9fff·]{2,4}\s*)?"
                             r"[\u3400-\u9fff]{2,6}\s*(?:\d{1,2}月)?\d{1,2}日\s*[电電]")
AUTHOR_FIELD = re.compile(
    r"""(?x)(?:作者|作\s者|记者|記者|撰文|撰稿|文字|通讯员|通訊員|实习生|實習生|见习记者|見習記者|(?<![\u3400-\u9fff/／])文(?=\s*[/／｜|：:])|采写|採寫)
        (?:\s*[：:／/｜|]\s*|\s+)(?:本报|本報|特约|特約)?(?:记者|記者)?\s*
        (?P<v>[\u3400-\u9fff·]{2,4}(?:[ 　、,，和及]+[\u3400-\u9fff·]{2,4}){0,4}|[A-Za-z][A-Za-z .\-]{2,40}?)
        (?!(?:[ 　、,，和及]+[\u3400-\u9fff·]{2,4})*\s*[摄攝](?![影像/／：:]))  # "新华社记者 林善传 摄" credits a photo
        (?=$|[\s|,，。;；)）\]】/／(（]|报道|報導|发自|發自|实习生)""")
# "河南商报记者马俊峰/文", "中央社記者邱俊欽桃園19日電", "記者陳嘉寧／桃園機場報導": name glued to the role word.
GLUED_REPORTER = re.compile(
    r"(?:记者|記者)(?P<v>[\u3400-\u9fff]{2,3})"
    r"(?=\s*[/／]\s*(?:[文图圖]|[\u3400-\u9fff]{0,8}(?:报道|報導))|[\u3400-\u9fff]{2,3}\d{1,2}日[电電]|\s*(?:报道|報導)|\s*$)")
TRAILING_EDITOR = re.compile(r"[（(]\s*(?:责任编辑|責任編輯|编辑|編輯)\s*[：:]\s*(?P<name>[\u3400-\u9fff·]{2,4})\s*[)）]\s*\d{0,8}\s*$")
# An English byline chunk: "By Chi Jingyi", "By Jane Doe and John Roe, CNN" (names are capitalised words).
_EN_NAME = r"[A-Z][A-Za-z'’.\-]+(?:\s+[A-Z][A-Za-z'’.\-]+){0,3}"
ENGLISH_BYLINE = re.compile(rf"\s*By\s+(?P<v>{_EN_NAME}(?:\s*(?:,|\band\b|&)\s*{_EN_NAME})*)\s*"
                            r"(?:[,|–—-]\s*[^|]{0,40}|\s(?:on|at|for|in|Published|Updated)\b[^|]{0,60})?")
NOT_ENGLISH_NAME = re.compile(r"^(The|A|An|This|That|Our|Your|My|Its)\b|\b(Times|Daily|News|Agency|Post|Press|Network|"
                              r"Online|Media|Xinhua|Reuters|Bloomberg|Associated|Staff|Reporters?|Correspondents?|"
                              r"Editors?|Editorial|Desk|Bureau|Service|Wire)\b")
# An opening credit in brackets: "（中央社記者張雄風台北28日電）", "〔記者蔡昀容／台北報導〕".
LEADING_CREDIT = re.compile(r"\s*[（(〔【\[][^（()）〔〕【】\[\]]{0,20}(?:记者|記者)[^（()）〔〕【】\[\]]{2,24}[)）〕】\]]")
# A closing credit at the end of the body: "(李楠)", "（王煌忠／台中報導）".
TRAILING_CREDIT = re.compile(
    r"[（(]\s*(?:本报|本報)?(?:记者|記者)?\s*(?P<v>[\u3400-\u9fff·]{2,4}(?:[、 ][\u3400-\u9fff·]{2,4}){0,3})(?<![摄攝])"
    r"\s*(?:[／/]\s*[\u3400-\u9fff]{0,6}(?:报道|報導|综合报道|綜合報導))?\s*[)）]\s*$")
# "摄影：李四", "摄/李四", "图/李四", "图/本报记者 李四", "图/河北日报记者 李四"; "杨文斌 刘续 摄",
# "新华社记者李贺摄" (names before 摄, not before 摄影：/摄像：); "刘晓峰/图", "記者王小明／攝影"; "摄影记者
# 赵六". A name before the mark starts where Han text does not, or after a role word ("记者王火炎摄" is 王火炎).
_AFTER_ROLE = (r"(?:(?<![\u3400-\u9fff·])|(?<=记者)|(?<=記者)|(?<=通讯员)|(?<=通訊員)|(?<=实习生)|(?<=實習生))"
               r"(?!记者|記者|通讯员|通訊員|实习生|實習生|摄影|攝影)")  # the name, not "记者张颖" of "记者张颖/文"
PHOTO_FIELD = re.compile(
    r"(?:(?:摄影(?:[/／、]摄像)?|攝影(?:[/／、]攝像)?|摄像|攝像|摄|攝|图片|圖片|(?<![组組])[图圖])\s*[：:／/]\s*(?:(?:本报|本報|特约|特約|[\u3400-\u9fff]{2,8}?)?(?:记者|記者)\s*)?|"
    r"(?:摄影记者|攝影記者)\s*)(?P<v>[\u3400-\u9fff·]{2,4})(?<![摄攝])(?![A-Za-z])|"  # ("图片：东方IC": no 东方)
    rf"{_AFTER_ROLE}(?P<w>[\u3400-\u9fff·]{{2,4}}(?:[ 　、][\u3400-\u9fff·]{{2,4}}){{0,3}})\s*[摄攝](?![影像/／：:\u3400-\u9fff])|"
    rf"{_AFTER_ROLE}(?P<x>[\u3400-\u9fff·]{{2,4}})\s*[/／]\s*(?:摄影|攝影|摄|攝|[图圖])(?![\u3400-\u9fff])")
# Words and pictures by the same hand: "文/图 邓志刚", "图文/王五", "文·图：桃源镇宣传办 邓志刚".
TEXT_AND_PHOTO = re.compile(r"(?<![\u3400-\u9fff])(?:(?:文\s*[/／·、]\s*[图圖](?![片])|[图圖]\s*[/／·、]\s*文|文并摄|文並攝)\s*[：:／/｜]?|"
                            r"(?:[图圖]文|文[图圖])\s*[：:／/｜])\s*"  # not "注明文/图作者", "文/图片来源", "图文直播间"
                            r"(?:本报|本報)?(?:记者|記者)?\s*(?P<v>[\u3400-\u9fff·]{2,10}(?: [\u3400-\u9fff·]{2,4})?)"
                            r"(?![\u3400-\u9fff])|"
                            r"(?:记者|記者)\s*(?P<g>[\u3400-\u9fff]{2,3}?)文\s*[/／·]\s*[图圖](?![\u3400-\u9fff])")  # "记者陈晨文/图"
# A writer's name before the mark: "王芳/文", "刘晓峰/图 王芳/文".
NAME_THEN_TEXT = re.compile(rf"{_AFTER_ROLE}(?P<v>[\u3400-\u9fff·]{{2,4}})\s*[/／]\s*文(?![\u3400-\u9fff/／])")
# "本报讯（记者 张三 通讯员 李四）" / "新华社北京5月19日电（刘艺、杨吉）" inline leads.
INLINE_LEAD = re.compile(
    r"""(?x)^.{0,24}?(?P<lead>讯|訊|电|電|报道|報導|消息)\s*[（(]\s*
        (?P<inner>(?:(?:本报|本報|本台|特约|特約)?(?:记者|記者|通讯员|通訊員|实习生|實習生)?\s*
        [\u3400-\u9fff·]{2,4}[\s、,，]*)+)\s*[)）]""")
# "川观新闻记者 秦勇": the outlet stands before the role word.
OUTLET_BEFORE_ROLE = re.compile(r"^[\s\d:：/.\-年月日]*(?P<outlet>[\u3400-\u9fff]{2,8}?)\s*(?:[/／]\s*)?"
                                r"(?:特约|特約|全媒体|全媒體|融媒体|融媒體|首席|见习|見習|实习|實習)?(?:记者|記者)\s*[\u3400-\u9fff·]{2,4}")
LEAD_ROLE = re.compile(r"(?:本报|本報|本台|特约|特約)?(?:记者|記者|通讯员|通訊員|实习生|實習生)")
NAME = re.compile(r"[\u3400-\u9fff·]{2,4}")
# An office credited like a person: "心内科", "县农业局", "教务处", "护理部", "白沙镇" (not 王新科: a person's
# name may end in 科 when a surname starts it).
OFFICE_END = re.compile(r"(?:局|处|處|乡|鄉|镇|鎮|村|办|辦|委|院|所|站|队|隊|部|厅|廳|署|馆|館|科|街道|社区|社區|小学|中学|学校)$")
ROLE_WORD_START = re.compile(r"记者|記者|通讯员|通訊員|实习生|實習生|摄影|攝影")
ROLE_WORD_END = re.compile(r"(记者|記者|通讯员|通訊員|实习生|實習生|编辑|編輯|摄影|攝影|报道|報導|单位|單位|部门|部門|机构|機構)$")
# Words that look like names but are not.
# Words before 记者 that qualify the reporter, not name an outlet: "首席记者 张三".
REPORTER_QUALIFIERS = frozenset("首席 实习 實習 见习 見習 特派 特约 特約 摄影 攝影 全媒体 全媒體 融媒体 融媒體 驻站 駐站 "
                                "本报 本報 本台 本网 本網 文字 视频 視頻 跑线".split())
NOT_NAMES = frozenset("简讯 簡訊 快讯 快訊 要闻 要聞 高考 导读 導讀 提要 摘要 时评 時評 社评 社評 图说 圖說 "
                      "本报 本報 记者 記者 编辑 編輯 通讯员 通訊員 来源 來源 作者 新华社 新華社 中新网 人民网 综合 綜合 摄像 攝像 "
                      "报道 報導 整理 发布 發布 网友 網友 佚名 未知 admin 管理员 供图 供圖 摄影 攝影 图片 圖片 "
                      # buttons beside an account name, and staff qualifiers ("职工通讯员 张三")
                      "整合 编译 編譯 综述 綜述 版权声明 版權聲明 免责声明 免責聲明 附股 待续 待續 未完 全文 原文 "
                      "特稿 专稿 專稿 组图 組圖 音频 音頻 "
                      "关注 關注 订阅 訂閱 收藏 分享 点赞 點讚 举报 舉報 职工 職工 "
                      "视频截图 視頻截圖 截图 截圖 资料图 資料圖 网络 網絡 網路 实习生 實習生 "
                      # picture agencies credited like photographers ("卓忠伟摄（人民视觉）")
                      "人民视觉 人民視覺 视觉中国 視覺中國 图虫创意 圖蟲創意 东方视觉 東方視覺 受访者 受訪者 被访者 读者 讀者 "
                      "供稿 全媒体 全媒體 融媒体 融媒體 "
                      # a time's zone after it: "2024-05-20 14:32 (北京时间)"
                      "北京时间 北京時間 台北时间 台北時間 香港时间 香港時間 当地时间 當地時間 "
                      # provinces and regions: self-media pages print the poster's IP location beside the name
                      "北京 天津 上海 重庆 重慶 河北 山西 辽宁 遼寧 吉林 黑龙江 黑龍江 江苏 江蘇 浙江 安徽 福建 江西 山东 山東 "
                      "河南 湖北 湖南 广东 廣東 海南 四川 贵州 貴州 云南 雲南 陕西 陝西 甘肃 甘肅 青海 台湾 臺灣 台灣 "
                      "内蒙古 內蒙古 广西 廣西 西藏 宁夏 寧夏 新疆 香港 澳门 澳門 海外".split())

# Common surnames (the ~150 most frequent, both scripts): a lone 2-3 character
# token next to the headline starting with one of these is taken as the author.
SURNAMES = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁"
    "任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯"
    "常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂"
    "成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党黨"
    "宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺")
COMPOUND_SURNAMES = frozenset("欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 皇甫 令狐 慕容 司徒 夏侯 尉迟 尉遲 公孙 公孫 长孙 長孫 "
                              "宇文 独孤 獨孤 端木 申屠 澹台 澹臺 轩辕 軒轅 南宫 南宮 西门 西門 呼延 完颜 完顏".split())
# Outlet-like names are sources, not authors.
OUTLET_SUFFIX = re.compile(r"(网|網|报|報|社|台|科技|新闻|新聞|频道|頻道|日报|日報|晚报|晚報|中心|传媒|傳媒|在线|在線|之家|资讯|資訊)$")

# A chunk that carries a publish time.
DATE_HINT = re.compile(r"(19|20)\d{2}[-/.年]\d{1,2}|\d{1,2}[-/月]\d{1,2}[日]?\s+\d{1,2}:\d{2}|发布时间|發布時間|"
                       r"(民國|民国)\s*\d{2,3}\s*年|(日期|時間|时间|發布|发布|發佈|更新|公告|公布|公佈)[\s：:|]{0,4}(0\d{2}|1[0-4]\d)[-/.]\d")  # ROC years

# --- site facts -------------------------------------------------------------
ICP = re.compile(r"[\u3400-\u9fff]{1,2}\s*ICP\s*[备備证證]\s*(?:[A-Z]+\d*-)?\d+\s*[号號]?(?:-\d+)?|"
                 r"ICP[备備证證][：:]?\s*\d+[号號]?(?:-\d+)?")
POLICE = re.compile(r"[\u3400-\u9fff]{1,2}公[网網]安[备備]\s*[：:]?\s*\d+(?:-\d+)?\s*号?")
COPYRIGHT = re.compile(r"(?:Copyright|©|版权所有|版權所有)", re.I)
# The copyright line ends where the footer's next item starts: a licence, a record, a contact, a notice.
COPYRIGHT_END = re.compile(r"\s*(?:[\u3400-\u9fff]{0,2}\s*ICP|[\u3400-\u9fff]{1,2}公[网網]安|[\u3400-\u9fff]B2-|备案|備案|许可证|許可證|"
                           r"未经|未經|不得|违法|違法|不良信息|举报|舉報|联系|聯繫|聯絡|电话|電話|地址|邮箱|郵箱|E-?mail|传真|傳真|"
                           r"(?:互联网|互聯網)?新闻信息服务|技术支持|技術支援|Powered|主办|主辦|承办|承辦|[|｜]|\s{2,})", re.I)
# What a copyright line says besides its holder: a line of only these names none.
COPYRIGHT_WORDS = re.compile(r"(?i)copyright|all\s+rights\s+reserved|版权所有|版權所有|[©@]|\(c\)|\d{4}|[\s\-–—~.,，。:：()（）]")
# Who holds it, when written before the keyword: "江城日报社版权所有", "央视网 版权所有".
COPYRIGHT_HOLDER = re.compile(r"(?:^|[\s|｜　])(?P<holder>[^\s|｜　：:]{1,22}?(?:网|網|报|報|社|台|公司|集团|集團|中心|委|会|會|局|厅|廳|"
                              r"部|院|所|馆|館|署|办|辦|政府|学校|學校|中学|中學|小学|小學|幼儿园|幼兒園|在线|在線|传媒|傳媒|"
                              r"\.com|\.cn|\.net|\.org))\s?$", re.I)
# Footer contact lines, the label kept whole ("违法和不良信息举报电话：…" is no switchboard).
CONTACT = re.compile(
    r"(?:(?:违法和不良信息|違法和不良資訊)?(?:举报|舉報)(?:电话|電話|邮箱|郵箱|信箱)|(?:新闻|新聞|客服|服务|服務|值班|广告|廣告)?(?:热线|熱線)(?:电话|電話)?|"
    r"(?:联系|聯繫|聯絡)?(?:电话|電話)|总机|總機|(?:投稿|服务|服務|联系|聯絡)?(?:邮箱|郵箱|信箱)|E-?mail|QQ|传真|傳真|"
    r"联系我们|聯繫我們|聯絡我們)\s*[：:]\s*[0-9A-Za-z_@.\-()（） ]{5,60}|"
    r"(?:联系|聯絡|通讯|通訊)?地址\s*[：:]\s*[\u3400-\u9fff0-9A-Za-z（）()\-·]{4,40}", re.I)

# --- pager / multi-page -------------------------------------------------------
NEXT_PAGE_TEXT = re.compile(r"^\s*(下一页|下一頁|下页|后一页|next\s*page|›|>>|»)\s*$", re.I)
PAGE_NUMBER_TEXT = re.compile(r"^\s*(?:第\s*)?\[?(?P<n>\d{1,2})\]?\s*(?:页|頁)?\s*$")
# Query parameters that number an article's pages (动易 ArticlePage, PHPCMS page, pn …; not a bare "p",
# which WordPress uses for post ids)
PAGE_PARAMETER = re.compile(r"(?i)(article|news|content)?_?page(no|num)?|pn|pg|cp|curpage|pageindex")
PAGED_URL = re.compile(r"(?P<stem>.*?)(?:_(?P<n>\d{1,2})|-(?P<m>\d{1,2}))(?P<ext>\.s?html?)$")

# --- thresholds ---
CREDIT_TAIL_LINES = 6             # closing credits "（王煌忠／台中報導）" are looked for in the last lines
MIN_ANNOTATIONS_FOR_NEUTRAL = 3  # tone-marked annotations on a page before toneless "(men)" counts as one too------------------------------------------------------------
MIN_PARAGRAPH_CHARS = 1
MIN_ARTICLE_CHARS = 80          # body shorter than this: not an article
MAX_LINK_DENSITY = 0.5          # a block whose text is mostly links is chrome
CAPTION_MAX_CHARS = 120         # a caption is short
FIGCAPTION_MAX_CHARS = 300      # ... unless the page marks it one (<figcaption>, a caption class)
HEAD_TAIL_CHROME_WINDOW = 4     # lines at either end where contact/byline lines are chrome
SIBLING_SCORE_RATIO = 0.2       # readability: siblings with 20% of the top score join it
CONTENT_PUNCT = "，。！？；：、,.;!?"
