"""Storage targets of the archive: insert rate, near-duplicate detection, search latency, bytes per article.

What is measured (one run, one fresh temporary SQLite archive, no network)
    Corpus  ``--articles`` N distinct generated Chinese news articles (default 100,000): 13 topics,
            40 fictional portals, published over 2024, bodies of 800-2,500 characters of news prose
            built from ``archiver.sample_portal`` phrases (sentence pools, places, organisations) and
            a compositional grammar below (generated place, company and person names, numbers), so
            that unrelated articles share few 5-character shingles. Article i is a pure function of
            (``--seed``, i). Generation runs in chunks outside every timer.
    1. Insert  ``Archive.write_batch`` in batches of 500 (one transaction each: row, FTS5 bigram
            shadow, MinHash signature, LSH lookup and keys). articles/s = N / time spent inside
            ``write_batch``. The base corpus should come out all "new"; any "duplicate" there is a
            false near-duplicate among distinct articles and is reported.
    2. Near-duplicates  after the base corpus: ``--pairs`` P copies of stored articles, each with a
            random mix of light edits (re-wrapped paragraphs and punctuation spacing, an added
            "来源：XX网 记者 张三" byline line, one sentence changed or dropped, 3-8 characters changed,
            traditional script via ``opencc.OpenCC('s2t')`` for ~1/4), published hours to days after
            the original on another portal; plus P negative controls (new articles on the same topic
            as a stored one that copy one or two of its sentences). The 2P documents are shuffled.
            Detection throughput = 2P / time inside ``Archive.duplicate_of`` (the detection step of
            ``write_batch`` alone: hash lookup, MinHash, LSH candidates, similarity; nothing written)
            with N articles stored. Then they are written through ``write_batch`` (batches of 500;
            its rate is printed too). A linked pair is a ``duplicates`` row with the URL of the
            article it points to. Recall = planted pairs linked; precision = linked pairs (whole
            table, base phase included) that are planted pairs.
    3. Search  ``archiver.search.search(conn, q, limit=20)`` on a fresh connection with N articles
            stored (before step 2): >= 50 queries each of 1, 2 and 4 Han characters (common fixed
            terms such as 经济, 40 terms sampled from stored bodies and spread over the ranks of their
            document frequency, and rare/absent ones), each timed once, warm (the matching-article
            counts printed in the detail lines are taken first, untimed); p50/p95 per length. Then simplified queries and their
            ``s2t`` forms must return the same hit ids (printed as a check mark or a cross).
    4. Bytes  DB file size / N after ``PRAGMA wal_checkpoint(TRUNCATE)`` (at N articles, before
            step 2), with a per-table split from ``dbstat`` when available; and the HTML of 1,000
            generated article pages (30-50 KB each: the body in a portal template with navigation,
            link lists, inline CSS/JS, footer) written through ``archiver.warc.WarcSeries`` (gzip
            records): WARC bytes per page.

Run (from the repository root, venv active)
    python bench/storage.py                        # N=100,000, P=500
    python bench/storage.py --articles 10000       # quick
    python bench/storage.py --articles 20000 --pairs 300 --seed 2 --keep /tmp/bench.db

No assertion depends on timing; the table marks each figure against its target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import opencc

from archiver.dedup import similarity, signature
from archiver.sample_portal import phrases, textgen
from archiver.sample_portal.stories import STORIES
from archiver.search import match_expression, search
from archiver.store import Archive
from archiver.warc import WarcSeries
from pipelines.normalize import content_hash

BATCH = 500
CHUNK = 5_000                     # articles generated at a time, outside the timer
TARGET_INSERT = 5_000             # articles/s
TARGET_RECALL, TARGET_PRECISION = 0.95, 0.97
TARGET_DETECT = 2_000             # documents/s
TARGET_P95_MS = 50.0
WARC_PAGES = 1_000
YEAR_START = dt.datetime(2024, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))

# --------------------------------------------------------------------------------------------------
# Corpus generator
# --------------------------------------------------------------------------------------------------
TOPICS = tuple(phrases.POOLS)
NEIGHBOUR = {"transport": "urban", "economy": "industry", "industry": "economy", "agriculture": "tourism",
             "education": "health", "health": "urban", "weather": "agriculture", "culture": "tourism",
             "sports": "culture", "environment": "urban", "urban": "environment", "tourism": "culture",
             "twhk": "economy"}
_STEM = ("青石桥龙凤梅桃柳松竹白沙金银玉清溪塘湾岭浦港园林田东南西北新安平和兴隆丰泰宁福寿昌盛嘉华明阳春秋"
         "云霞星月江河湖海山峰岩泉源川洲渡埠茶杏枫樟荷莲蒲芦禾稻谷仓宝鼎文武仁义礼智信德孝贤")
_GIVEN = ("建国伟强敏静丽华军洋勇艳杰娟涛明超秀霞平刚桂英芳燕鹏辉玲红兵飞浩然晨宇轩欣怡俊峰磊婷雪梅志立新"
          "文思远佳琪海波春生德永康宁晓东君红亮颖慧斌凯琳瑶嘉豪子涵诗雨")
_INDUSTRY = ("新能源", "精密机械", "电子科技", "生物医药", "智能装备", "食品", "纺织", "新材料", "光电科技",
             "汽车零部件", "物流", "建设", "信息技术", "环保科技", "农业发展", "文化传媒", "医疗器械",
             "化工", "家居", "供应链管理", "数字科技", "包装", "电气", "模具", "茶业")
SITES = tuple((f"www.{d}", n) for d, n in (
    ("jcxww.cn", "江城新闻网"), ("yzol.net", "越州在线"), ("jcrb.com.cn", "江城日报网"), ("ljnews.cn", "临江新闻网"),
    ("dhxw.com", "东湖新闻网"), ("xsnews.net", "西山在线"), ("npxww.cn", "南浦新闻网"), ("btnews.cn", "北塘发布"),
    ("qxxw.gov.cn", "青溪新闻网"), ("smnews.cn", "石门在线"), ("ylxww.cn", "云岭新闻网"), ("jcwb.com", "江城晚报网"),
    ("jcgd.cn", "江城广电网"), ("jiangcheng.cc", "江城生活网"), ("jcbbs.net", "江城论坛"), ("zjxw.net", "浙江新闻汇"),
    ("hzw.com.cn", "杭州湾在线"), ("qtxw.cn", "钱塘新闻网"), ("dhw.cn", "东海网"), ("sxnews.cn", "山乡新闻网"),
    ("ycol.cn", "越城在线"), ("jxrb.cn", "江西日报网"), ("wzw.net", "温州网"), ("tzol.cn", "台州在线"),
    ("hszx.cn", "湖山资讯"), ("xwzx.cc", "新闻中心网"), ("dfxw.cn", "东方新闻网"), ("zsnews.net", "舟山新闻网"),
    ("jhrb.cn", "金华日报网"), ("lswb.net", "丽水晚报网"), ("qzxw.cn", "衢州新闻网"), ("hzxw.cn", "湖州新闻网"),
    ("jxw.cn", "嘉兴网"), ("nbol.cn", "宁波在线"), ("sxrb.cn", "绍兴日报网"), ("ytxw.cn", "余杭新闻网"),
    ("fyxw.cn", "富阳新闻网"), ("tlnews.cn", "桐庐新闻网"), ("cahw.cn", "淳安新闻网"), ("jdxw.cn", "建德新闻网")))
SECTION_PATHS = ("news", "local", "economy", "society", "shizheng", "xianshi", "minsheng", "zixun")

GEN: dict[str, tuple[str, ...]] = {
    "time": ("今年以来", "近日", "日前", "近年来", "截至{md}", "{md}", "上半年", "一季度", "去年以来",
             "今年前{n:2-11}个月", "{month}份", "春节过后", "入夏以来", "这几天", "进入{n:3-11}月以来",
             "“十四五”以来", "过去一年", "本周", "{md}上午", "{md}下午", "{md2}以来", "去年全年", "近三年"),
    "conn": ("与此同时，", "此外，", "据介绍，", "据了解，", "记者注意到，", "值得一提的是，", "另一方面，", "同时，",
             "在此基础上，", "从数据看，", "具体来看，", "总的来看，", "不仅如此，", "为此，", "对此，", "下一步，",
             "按照计划，", "去年，", "", "", ""),
    "adv": ("积极", "持续", "加快", "全面", "稳步", "大力", "进一步", "扎实", "着力", "统筹", "深入", "有序", "重点",
            "率先", "集中", "不断", "", ""),
    "subj": ("{org}", "{district}", "{district}政府", "{town}", "全市", "各县（市、区）", "{city}", "有关部门",
             "当地", "{company}", "{gtown}党委政府", "市委市政府", "相关单位", "{district}有关部门", "{gvillage}",
             "{gcompany}", "{gcomm}"),
    "place": ("{district}", "{town}", "{village}", "{gvillage}", "{gtown}", "{community}", "{gcomm}", "全市",
              "{district}{gtown}", "{gtown}{gvillage}", "{district2}", "{groad}沿线"),
    "role": ("负责人", "主任", "副局长", "局长", "党支部书记", "村委会主任", "总经理", "董事长", "工作人员", "项目经理",
             "社区书记", "志愿者", "技术员", "站长", "副主任", "科长", "网格员", "居民", "村民", "市民", "店主",
             "种植户", "返乡青年", "外卖骑手", "出租车司机", "退休教师", "企业主", "办事员"),
    "say": ("说", "介绍", "表示", "告诉记者", "坦言", "感慨地说", "笑着说", "算了一笔账", "深有感触地说"),
    "quote": ("现在办事方便多了，很多事情在手机上就能办", "以前心里没底，现在有了政策支持，干劲更足了",
              "我们要把好事办好，把实事办实", "接下来还要继续加大投入，让更多群众受益", "最大的变化是环境变好了，住着舒心",
              "这几年变化太大了，以前想都不敢想", "订单多了，人手反而不够用", "年轻人愿意回来，村里就有希望",
              "关键是要把群众的意见听进去", "政策好不好，老百姓心里有杆秤", "我们每周都要到现场看一看，发现问题马上改",
              "钱要花在刀刃上，每一笔都要经得起检查", "一开始也有人不理解，后来看到效果就都支持了",
              "这件事我们盯了{n:2-5}年，总算落地了", "只要肯干，日子就会越过越好", "服务跟上了，企业才愿意留下来",
              "数据多跑路，群众就少跑腿", "大家的事大家商量着办", "说实话压力不小，但方向是对的",
              "我们把{n:3-9}个问题列成清单，一项一项销号"),
    "result": ("同比增长{p:1-30}", "比去年同期提高{d:0.5-5}个百分点", "惠及群众{n:1-20}万人", "带动就业{n:100-5000}人",
               "累计服务群众{n:1000-90000}人次", "完成年度目标的{p:30-99}", "群众满意度达{p:85-99}",
               "节约资金{d:0.1-9}亿元", "较上年减少{p:5-40}", "实现营业收入{d:1-90}亿元", "新增就业岗位{n:200-3000}个",
               "受益群众超过{n:2-30}万人", "总投资约{d:1-50}亿元", "覆盖{n:20-300}个行政村", "为企业减负{d:0.2-8}亿元",
               "办理时限压缩{p:30-80}", "各项指标均好于预期", "位居全省前列", "总量创历史新高",
               "增速比一季度加快{d:0.3-3}个百分点"),
    "purpose": ("着力解决群众“急难愁盼”问题", "进一步优化营商环境", "推动高质量发展", "助力乡村振兴",
                "保障群众生命财产安全", "提升群众获得感和幸福感", "补齐民生短板", "激发市场活力", "促进共同富裕",
                "推进城乡融合发展", "为经济社会发展提供有力支撑", "让发展成果更多更公平惠及全体人民",
                "打通服务群众“最后一公里”", "守牢安全底线", "巩固拓展脱贫攻坚成果"),
    "future": ("预计年底前全面完工", "力争{n:6-12}月底前投入使用", "计划明年上半年建成", "将于近期对外开放",
               "年内将实现全覆盖", "预计{n:2025-2027}年建成投用", "下月起试运行", "国庆前具备通车条件",
               "{n:8-12}月份将进行竣工验收"),
    "scope": ("全市", "{district}", "全{dtype}", "城区", "农村地区", "规模以上企业", "重点项目", "{gtown}"),
    "scene": ("工人们正在加紧施工，现场一片繁忙", "一排排新建的厂房拔地而起", "不少市民正在排队办理业务",
              "田间地头一派繁忙景象", "志愿者们正忙着为老人测量血压", "孩子们在新铺的塑胶操场上追逐嬉戏",
              "货车往来穿梭，装卸作业井然有序", "老人们围坐在一起下棋聊天", "展厅里人头攒动，不时传出阵阵掌声",
              "河道两岸绿树成荫，不少居民在步道上散步", "车间里机器轰鸣，工人们各司其职",
              "摊位前挤满了前来咨询的群众", "巡查人员拿着平板电脑逐一核对点位信息"),
    "focus": ("群众反映强烈的突出问题", "企业发展中的难点堵点", "基层治理短板", "“一老一小”服务需求",
              "产业链上下游协同", "重点领域安全隐患", "群众家门口的小事", "项目建设中的要素保障",
              "新就业形态劳动者权益保障", "城乡公共服务均等化"),
}

# Topic vocabulary: activities (verb phrases), metrics, projects, quotes, titles.
LEX: dict[str, dict[str, tuple[str, ...]]] = {
    "transport": {
        "act": ("新建改造农村公路{n:20-300}公里", "优化调整公交线路{n:3-30}条", "新增公共停车泊位{n:200-3000}个",
                "推进{groad}拓宽改造工程", "完成{n:5-40}座危桥改造", "开通定制公交线路{n:2-12}条",
                "在{n:10-80}个路口增设智能信号灯", "启动{groad}综合整治", "建成公共充电桩{n:100-2000}个",
                "整治交通拥堵点{n:5-40}处"),
        "metric": ("完成交通投资{d:10-90}亿元", "道路客运量达{d:100-900}万人次", "公交日均客流{d:10-90}万人次",
                   "港口货物吞吐量{d:1000-9000}万吨", "新能源公交车占比达{p:60-99}"),
        "project": ("{groad}改造工程", "{road}快速路二期", "城东综合客运枢纽", "{district}至{district2}快速通道",
                    "地铁{n:2-6}号线{gtown}站"),
        "tquote": ("以前上班要堵半个小时，现在十分钟就到了", "公交车多了，准点率也高了", "路修好了，我们拉货的成本降下来了",
                   "晚上回家路灯亮了，走着安心"),
        "title": ("{district}新增公共停车泊位{n:500-3000}个", "{groad}改造工程进入冲刺阶段",
                  "江城优化调整{n:5-20}条公交线路", "{district}至{district2}快速通道开工建设", "{gtown}农村公路提档升级"),
    },
    "economy": {
        "act": ("兑现惠企资金{d:1-30}亿元", "新引进亿元以上项目{n:5-60}个", "举办产销对接活动{n:3-30}场",
                "发放消费券{n:1000-5000}万元", "走访服务企业{n:200-3000}家", "新增市场主体{n:1000-20000}户",
                "推动{n:20-200}家企业“个转企”", "组织{n:30-200}家企业参加境外展会", "为中小微企业新增贷款{d:10-90}亿元"),
        "metric": ("地区生产总值增长{p:4-9}", "社会消费品零售总额达{d:100-900}亿元", "规上工业增加值增长{p:3-12}",
                   "进出口总额{d:50-500}亿元", "固定资产投资增长{p:2-15}", "城镇居民人均可支配收入{n:50000-80000}元",
                   "一般公共预算收入{d:50-300}亿元"),
        "project": ("{gcompany}扩能项目", "{district}数字经济产业园", "{gtown}商贸综合体", "跨境电商产业园二期",
                    "{district}总部经济大楼"),
        "tquote": ("今年的订单比去年多了三成", "政策来得很及时，解了我们的燃眉之急", "经济发展的底气来自实体经济",
                   "消费回暖了，店里的生意明显好起来了"),
        "title": ("前{n:2-11}月{district}经济运行稳中向好", "{city}经济发展质效齐升", "江城出台{n:10-40}条措施提振消费",
                  "{district}集中签约{n:5-30}个项目", "江城外贸进出口增长{p:5-25}"),
    },
    "industry": {
        "act": ("实施技术改造项目{n:20-200}个", "新认定高新技术企业{n:50-500}家", "建成数字化车间{n:10-100}个",
                "攻克关键核心技术{n:5-40}项", "新增发明专利{n:100-2000}件", "培育“专精特新”企业{n:10-90}家",
                "引进高层次人才{n:50-600}名", "搭建中试平台{n:2-12}个"),
        "metric": ("高新技术产业增加值增长{p:6-20}", "研发经费投入强度达{d:2-4}%", "技术合同成交额{d:10-90}亿元",
                   "工业投资增长{p:5-25}", "战略性新兴产业产值占比达{p:30-55}"),
        "project": ("{gcompany}智能工厂", "{district}新材料产业园", "{gcompany}研发中心大楼", "江城高新区孵化器三期",
                    "{gtown}小微企业园"),
        "tquote": ("研发投入不能省，这是企业的饭碗", "机器换人以后，效率提高了一倍多", "我们的产品已经卖到了{n:10-60}个国家和地区",
                   "核心技术要掌握在自己手里"),
        "title": ("{gcompany}智能工厂投产", "江城新增“专精特新”企业{n:10-60}家", "{district}数字化改造覆盖规上企业",
                  "江城高新区新材料产业集群加速成长"),
    },
    "agriculture": {
        "act": ("完成早稻播种{d:1-9}万亩", "新建高标准农田{d:1-9}万亩", "培育家庭农场{n:50-600}家",
                "推广水稻机插秧{d:2-20}万亩", "发展特色种植{n:1000-9000}亩", "建成农产品冷链仓储{n:5-40}处",
                "培训高素质农民{n:500-5000}人次", "带动{n:100-3000}户农户增收"),
        "metric": ("粮食播种面积{d:10-60}万亩", "农村居民人均可支配收入{n:30000-45000}元",
                   "农产品网络零售额{d:5-60}亿元", "村级集体经济收入{n:30-200}万元", "茶叶产量{n:1000-9000}吨"),
        "project": ("{gvillage}共富工坊", "{gtown}现代农业产业园", "{gvillage}高标准农田", "{district}粮食烘干中心",
                    "{gtown}农产品直播基地"),
        "tquote": ("今年的苗长得好，丰收有盼头", "以前靠天吃饭，现在靠科技种田", "网上卖货比去集市快多了",
                   "合作社统一收购，我们不愁销路"),
        "title": ("{gvillage}：小茶叶做成大产业", "{district}春耕备耕有序推进", "{gtown}建成高标准农田{d:1-9}万亩",
                  "{gvillage}共富工坊带动村民增收"),
    },
    "education": {
        "act": ("新增中小学学位{n:2000-20000}个", "新改扩建学校{n:5-40}所", "招聘新教师{n:200-1500}名",
                "开设课后服务课程{n:100-900}门", "改造学校食堂{n:10-90}个", "建成智慧教室{n:100-900}间",
                "组建教育共同体{n:10-60}个", "开展教师培训{n:2000-20000}人次"),
        "metric": ("学前教育毛入园率达{p:95-99}", "课后服务参与率达{p:85-99}", "义务教育巩固率达{p:98-100}",
                   "高中阶段毛入学率达{p:96-99}", "教师平均年龄{n:35-42}岁"),
        "project": ("{school}新校区", "{gtown}中心幼儿园", "{district}第二实验学校", "{gtown}中学综合楼",
                    "江城职业技术学院实训基地"),
        "tquote": ("孩子在学校吃得好、学得开心，我们就放心了", "课后服务解决了我们接孩子难的问题",
                   "老师教得更用心了，孩子也更愿意学了", "新学校离家近，走路十分钟就到"),
        "title": ("{district}今年新增学位{n:2000-10000}个", "{school}新校区秋季启用", "江城推进课后服务提质扩面",
                  "{gtown}中心幼儿园建成投用"),
    },
    "health": {
        "act": ("组建家庭医生团队{n:100-900}个", "开展免费体检{n:1-20}万人次", "新建社区卫生服务站{n:5-40}个",
                "派出医疗专家下乡{n:100-900}人次", "推出“先诊疗后付费”服务", "引进医学人才{n:30-300}名",
                "建成智慧药房{n:3-30}个", "完成适老化改造{n:20-300}户"),
        "metric": ("县域就诊率达{p:85-95}", "家庭医生签约率达{p:40-80}", "人均预期寿命{d:80-83}岁",
                   "基层诊疗量占比{p:55-70}", "居民健康素养水平{p:30-45}"),
        "project": ("{hospital}新院区", "{gtown}卫生院改扩建工程", "{district}妇幼保健院", "江城市急救中心",
                    "{gtown}医共体分院"),
        "tquote": ("在家门口就能看专家，省了来回跑", "家庭医生每个月都来问问情况，心里踏实", "看病报销比以前方便多了",
                   "医生讲得很细，我们听得明白"),
        "title": ("{district}家庭医生签约服务扩面提质", "{hospital}新院区开诊", "江城推进医共体建设",
                  "{gtown}卫生院完成改扩建"),
    },
    "weather": {
        "act": ("启动防汛Ⅳ级应急响应", "转移危险区域群众{n:100-3000}人", "排查地质灾害隐患点{n:50-600}处",
                "预置抢险队伍{n:20-300}支", "发布暴雨预警{n:2-12}次", "开展人工增雨作业{n:2-20}次",
                "加固农业大棚{n:100-2000}个", "清理排水管网{n:20-300}公里"),
        "metric": ("平均降雨量{d:20-200}毫米", "最高气温达{n:35-41}℃", "最低气温降至{n:-5-5}℃",
                   "累计降水量偏多{p:10-60}", "日照时数偏少{p:10-40}"),
        "project": ("{river}堤防加固工程", "{district}排涝泵站", "{gtown}山洪沟治理工程", "城区积水点改造",
                    "{gvillage}避灾安置点"),
        "tquote": ("雨一大我们就上堤巡查，一刻不敢放松", "提前转移出来，人安全最重要", "大棚提前加固了，损失不大",
                   "天气预报越来越准，我们安排农活心里有数"),
        "title": ("强降雨来袭 {district}转移群众{n:100-2000}人", "江城发布高温橙色预警", "{gtown}山洪沟治理工程完工",
                  "冷空气南下 江城气温下降{n:6-12}℃"),
    },
    "culture": {
        "act": ("举办文艺演出{n:100-2000}场", "建成城市书房{n:5-60}家", "开展非遗进校园活动{n:20-300}场",
                "修缮历史建筑{n:5-60}处", "送戏下乡{n:50-600}场", "新增农家书屋图书{n:1-20}万册",
                "推出文化惠民活动{n:50-500}项", "征集老物件{n:200-3000}件"),
        "metric": ("公共文化场馆接待{d:50-600}万人次", "文化产业增加值增长{p:5-15}", "图书借阅量{d:20-300}万册次",
                   "非遗项目{n:50-300}项", "博物馆年接待观众{d:10-200}万人次"),
        "project": ("{district}文化中心", "{gtown}文化礼堂", "江城博物馆新馆", "{gvillage}乡村博物馆",
                    "{groad}历史文化街区"),
        "tquote": ("家门口就能看戏，老人们特别高兴", "老手艺不能失传，得有人接着干", "周末带孩子来书房看书已经成了习惯",
                   "这些老物件记录着一个村子的记忆"),
        "title": ("{gtown}文化礼堂热闹起来了", "{district}新建城市书房{n:5-30}家", "江城博物馆新馆开放",
                  "非遗进校园 传统技艺有传人"),
    },
    "sports": {
        "act": ("举办全民健身赛事{n:50-600}场", "新建百姓健身房{n:10-90}个", "建成健身步道{n:20-300}公里",
                "开展体育进社区活动{n:50-500}场", "培训社会体育指导员{n:200-3000}名", "改造提升体育场地{n:20-200}处",
                "承办省级以上赛事{n:3-30}项", "组织青少年体育培训{n:1000-20000}人次"),
        "metric": ("人均体育场地面积{d:2-4}平方米", "经常参加体育锻炼人数比例{p:38-48}", "体育产业总产值{d:10-90}亿元",
                   "国民体质合格率{p:90-96}", "参赛人数{n:1000-30000}人"),
        "project": ("{district}全民健身中心", "江城体育中心改造工程", "{river}滨江绿道", "{gtown}灯光篮球场",
                    "{district}体育公园"),
        "tquote": ("下班后来跑几圈，一天的累都没了", "家门口有了球场，孩子们不再只盯着手机", "赛事办得专业，选手体验很好",
                   "锻炼身体是给自己存健康"),
        "title": ("江城马拉松鸣枪开跑", "{district}全民健身中心投用", "{gtown}灯光篮球场亮了",
                  "江城举办第{n:3-20}届全民运动会"),
    },
    "environment": {
        "act": ("完成河道综合治理{n:5-60}公里", "新增城市绿地{n:20-300}公顷", "关停整治“散乱污”企业{n:10-200}家",
                "建成污水管网{n:20-300}公里", "植树造林{n:1000-20000}亩", "开展环境执法检查{n:200-3000}次",
                "推广垃圾分类示范小区{n:20-300}个", "实施矿山生态修复{n:3-30}处"),
        "metric": ("PM2.5平均浓度{n:20-35}微克/立方米", "空气优良天数比例{p:85-97}", "地表水优良率{p:90-100}",
                   "生活垃圾回收利用率{p:45-65}", "森林覆盖率{p:50-70}"),
        "project": ("{river}生态修复工程", "{district}污水处理厂提标改造", "{gtown}湿地公园", "{district}垃圾焚烧发电厂",
                    "{gvillage}美丽河湖工程"),
        "tquote": ("河水清了，鱼也回来了", "垃圾分类习惯了，其实也不麻烦", "空气好了，早上出门跑步的人多了",
                   "以前是臭水沟，现在成了景观带"),
        "title": ("{river}治理让“臭水沟”变景观带", "去年江城空气优良天数创新高", "{district}污水处理厂完成提标改造",
                  "{gtown}湿地公园开园"),
    },
    "urban": {
        "act": ("改造老旧小区{n:10-120}个", "加装电梯{n:20-600}台", "新建社区食堂{n:5-60}家", "新增托育托位{n:200-3000}个",
                "建成口袋公园{n:10-90}个", "新增城镇就业{n:2000-30000}人", "筹建保障性租赁住房{n:1000-9000}套",
                "整治背街小巷{n:20-200}条"),
        "metric": ("城镇调查失业率{p:3-5}", "老旧小区改造完成率{p:60-100}", "城市燃气普及率{p:98-100}",
                   "15分钟便民生活圈覆盖率{p:70-99}", "政务服务网办率{p:85-99}"),
        "project": ("{gcomm}老旧小区改造", "{district}社区综合体", "{groad}背街小巷整治", "{gcomm}社区嵌入式服务设施",
                    "{district}保障性租赁住房"),
        "tquote": ("电梯装好了，八十多岁的老母亲也能下楼了", "社区食堂饭菜可口，价格实惠", "小区改造后停车不难了",
                   "有事找网格员，一个电话就来了"),
        "title": ("{gcomm}老旧小区改造完工", "{district}社区食堂开到家门口", "江城今年将加装电梯{n:100-600}台",
                  "{district}“一件事”改革让办事更便捷"),
    },
    "tourism": {
        "act": ("接待游客{d:10-900}万人次", "推出精品旅游线路{n:5-40}条", "新增民宿{n:20-300}家",
                "举办文旅节庆活动{n:10-90}场", "创建A级景区村庄{n:5-60}个", "开通旅游专线{n:2-12}条",
                "培训民宿管家{n:100-900}人", "建成游客服务中心{n:2-20}个"),
        "metric": ("旅游总收入{d:10-300}亿元", "民宿平均入住率{p:60-95}", "过夜游客{d:10-200}万人次",
                   "景区门票收入增长{p:10-60}", "乡村旅游收入{d:5-60}亿元"),
        "project": ("{scenic}提升工程", "{gvillage}民宿集聚区", "{gtown}古镇保护开发", "{district}旅游集散中心",
                    "{gtown}夜游街区"),
        "tquote": ("节假日房间提前一个月就订满了", "这里山清水秀，来了就不想走", "村里的土特产成了游客的伴手礼",
                   "以前靠种地，现在开民宿，收入翻了几番"),
        "title": ("假期江城接待游客{d:50-300}万人次", "{gvillage}民宿经济红火", "{scenic}提升工程完工",
                  "{gtown}古镇夜游点亮“夜经济”"),
    },
    "twhk": {
        "act": ("举办两岸青年交流活动{n:3-30}场", "引进台资项目{n:3-30}个", "设立港澳青年创业基地{n:1-6}个",
                "接待港澳台交流团组{n:5-40}批次", "签约合作项目{n:3-20}个", "组织企业赴港参展{n:10-80}家"),
        "metric": ("对港澳进出口额{d:10-90}亿元", "台资企业{n:100-600}家", "合同利用台资{d:1-20}亿美元",
                   "港澳投资项目{n:20-200}个"),
        "project": ("{district}台湾青年创业园", "港澳青年双创基地", "{gtown}两岸融合示范区", "{district}港澳合作产业园"),
        "tquote": ("这里的营商环境很好，服务也很贴心", "两地年轻人多交流，路就越走越宽", "我们在这里安了家，也扎下了根",
                   "合作空间很大，我们很有信心"),
        "title": ("{district}举办两岸青年交流周", "江城港澳青年创业基地揭牌", "{city}台资企业增资扩产",
                  "两岸融合示范区建设提速"),
    },
}
SHAPES = (
    "<time>，<subj><adv><act>，<result>。",
    "<conn><subj><adv><act>，<purpose>。",
    "<time>，<place><metric>，<result>。",
    "据<org2>[统计|介绍|通报]，<time><scope><metric>，<result>。",
    "目前，<project>已完成[总工程量|投资计划|主体工程]的{p:30-95}，<future>。",
    "<subj>[将|计划|准备]<adv><act>，<purpose>。",
    "“<quote>，”<place><role><person><say>。",
    "<place><role><person><say>，<subj><act>，<result>。",
    "<conn><place>[已|先后|累计]<act>，<result>，<result>。",
    "[在|走进]<place>，<scene>。",
    "<time>，<subj>[围绕|聚焦|针对]<focus>，<adv><act>。",
    "“<tquote>。”<role><person><say>，<quote>。",
    "<project>[总投资|计划投资]{d:1-60}亿元，<future>，建成后将<purpose>。",
    "<conn><subj>[还|同步]<act>，<act>。",
)
_PART = re.compile(r"<(\w+)>")
_HAN = re.compile(r"[\u4e00-\u9fff]")
TYPO_CHARS = "的了在是和有这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
S2T = opencc.OpenCC("s2t")


def _name(rng: random.Random) -> str:
    return rng.choice(phrases.SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _stem(rng: random.Random) -> str:
    return rng.choice(_STEM) + rng.choice(_STEM)


class Writer:
    """Sentence generator for one article: fixed places, people and organisations; one topic."""

    def __init__(self, rng: random.Random, topic: str, published: dt.datetime):
        self.rng, self.topic = rng, topic
        slots = textgen.article_slots(rng, topic, published.replace(tzinfo=None), "news")
        slots.update(
            gtown=_stem(rng) + rng.choice(("镇", "镇", "乡", "街道")), gvillage=_stem(rng) + "村",
            gcomm=_stem(rng) + rng.choice(("社区", "小区", "花园", "家园", "新村", "苑")),
            groad=_stem(rng) + rng.choice(("路", "大道", "街", "北路", "南路", "东路")),
            gcompany=_stem(rng) + rng.choice(_INDUSTRY) + rng.choice(("有限公司", "股份有限公司", "集团有限公司")))
        self.slots = slots
        # Each article uses its own subset of sentence shapes and phrases (a writer's habits), so that two
        # articles share little boilerplate: without this every long article would contain every shape.
        self.shapes = rng.sample(SHAPES, 6)
        self.subsets: dict[tuple[str, str], list[str]] = {}

    def choices(self, topic: str, name: str) -> list[str]:
        key = (topic, name)
        if key not in self.subsets:
            options = list(LEX[topic].get(name) or GEN[name])
            self.subsets[key] = self.rng.sample(options, max(2, round(len(options) * 0.4)))
        return self.subsets[key]

    def part(self, name: str) -> str:
        rng = self.rng
        if name == "person":
            return _name(rng)
        if name == "org2":
            return rng.choice(phrases.ORGS[self.topic]).replace("{district}", self.slots["district"])
        topic = self.topic if rng.random() < 0.8 else NEIGHBOUR[self.topic]
        return self.fill(rng.choice(self.choices(topic, name)))

    def fill(self, template: str) -> str:
        return textgen.expand(_PART.sub(lambda m: self.part(m.group(1)), template), self.rng, self.slots)

    def sentence(self) -> str:
        rng = self.rng
        if rng.random() < 0.12:  # a sentence from the sample portal's topic pools
            pool = phrases.POOLS[self.topic if rng.random() < 0.7 else NEIGHBOUR[self.topic]]
            return textgen.expand(rng.choice(pool), rng, textgen.fresh_people(rng, self.slots))
        return self.fill(rng.choice(self.shapes))

    def title(self) -> str:
        rng = self.rng
        stories = STORY_BY_TOPIC.get(self.topic, ())
        if stories and rng.random() < 0.3:
            story = rng.choice(stories)
            slots = dict(self.slots)
            for key, tpl in story.vars.items():
                slots[key] = textgen.expand(tpl, rng, slots)
            return textgen.expand(story.title, rng, slots)
        return self.fill(rng.choice(LEX[self.topic]["title"] + ("<place><adv><act>",)))


STORY_BY_TOPIC: dict[str, tuple] = {}
for _story in STORIES:
    STORY_BY_TOPIC.setdefault(_story.topic, ())
    STORY_BY_TOPIC[_story.topic] += (_story,)


@dataclass
class Article:
    idx: int
    topic: str
    site: str
    site_name: str
    url: str
    title: str
    paragraphs: list[list[str]]
    published: dt.datetime
    authors: list[str]
    source: str
    editor: str
    body_text: str | None = None  # set for edited copies (re-wrapped text); else built from paragraphs
    extra: dict = field(default_factory=dict)

    @property
    def body(self) -> str:
        return self.body_text if self.body_text is not None else "\n".join("".join(p) for p in self.paragraphs)

    def item(self) -> dict:
        body = self.body
        fetched = self.published + dt.timedelta(hours=2)
        return {"url": self.url, "site": self.site, "site_name": self.site_name, "title": self.title, "body": body,
                "published": self.published.isoformat(), "published_raw": self.published.strftime("%Y-%m-%d %H:%M"),
                "content_hash": content_hash(body), "fetched_at": fetched.astimezone(dt.timezone.utc).isoformat(),
                "authors": self.authors, "byline": "记者 " + " ".join(self.authors), "source": self.source,
                "editor": self.editor, "lang": "zh-Hans", "script": "hans", "keywords": [], "flags": [],
                "extractor_version": "bench", **self.extra}


def make_article(seed: int, idx: int, topic: str | None = None) -> Article:
    """Article ``idx`` of the corpus: deterministic in (seed, idx)."""
    rng = random.Random(f"{seed}:{idx}")
    topic = topic or rng.choice(TOPICS)
    published = YEAR_START + dt.timedelta(minutes=rng.randrange(366 * 24 * 60))
    site, site_name = rng.choice(SITES)
    w = Writer(rng, topic, published)
    title = w.title()
    target = rng.randint(800, 2500)
    sentences: list[str] = []
    size = 0
    while size < target:
        s = w.sentence()
        sentences.append(s)
        size += len(s) + 0.3  # paragraph breaks
    reporters = [_name(rng) for _ in range(rng.choice((1, 1, 2)))]
    if rng.random() < 0.4:
        sentences[0] = f"本报讯（记者 {' '.join(reporters)}）" + sentences[0]
    paragraphs: list[list[str]] = []
    i = 0
    while i < len(sentences):
        k = rng.choice((1, 2, 2, 3, 3, 4))
        paragraphs.append(sentences[i:i + k])
        i += k
    section = rng.choice(SECTION_PATHS)
    url = f"https://{site}/{section}/{published:%Y}/{published:%m%d}/{100000 + idx}.html"
    return Article(idx, topic, site, site_name, url, title, paragraphs, published, reporters,
                   rng.choice(("江城日报", "江城晚报", site_name, "江城发布")), _name(rng))


# --------------------------------------------------------------------------------------------------
# Planted copies and negative controls
# --------------------------------------------------------------------------------------------------
EDITS = ("rewrap", "byline", "sentence", "chars", "traditional")
EDIT_P = {"rewrap": 0.6, "byline": 0.5, "sentence": 0.5, "chars": 0.5, "traditional": 0.25}


def make_copy(orig: Article, seed: int, k: int) -> tuple[Article, list[str]]:
    """A lightly edited repost of ``orig`` on another portal; returns it and the edits applied."""
    rng = random.Random(f"{seed}:copy:{k}")
    edits = [e for e in EDITS if rng.random() < EDIT_P[e]] or [rng.choice(EDITS)]
    paras = [list(p) for p in orig.paragraphs]
    if "sentence" in edits:
        p = rng.randrange(len(paras))
        s = rng.randrange(len(paras[p]))
        if rng.random() < 0.5 and sum(map(len, paras)) > 1:
            del paras[p][s]
        else:
            paras[p][s] = Writer(rng, orig.topic, orig.published).sentence()
        paras = [p for p in paras if p]
    if "chars" in edits:
        for _ in range(rng.randint(3, 8)):
            p = rng.randrange(len(paras))
            s = rng.randrange(len(paras[p]))
            text = paras[p][s]
            spots = [m.start() for m in _HAN.finditer(text)]
            if spots:
                at = rng.choice(spots)
                paras[p][s] = text[:at] + rng.choice(TYPO_CHARS) + text[at + 1:]
    site, site_name = rng.choice([s for s in SITES if s[0] != orig.site])
    reporter = _name(rng)
    if "byline" in edits:
        line = rng.choice((f"来源：{site_name} 记者 {reporter}", f"来源：{orig.site_name}　记者　{reporter}",
                           f"（来源：{orig.site_name}，记者 {reporter}，编辑 {_name(rng)}）"))
        if line.startswith("（"):
            paras.append([line])
        else:
            paras.insert(0, [line])
    if "rewrap" in edits:
        flat = [s for p in paras for s in p]
        sep = rng.choice(("\n\n", "\r\n", "\n　　", "\n \n"))
        groups, i = [], 0
        while i < len(flat):
            n = rng.randint(1, 6)
            groups.append("".join(flat[i:i + n]))
            i += n
        text = sep.join(groups)
        comma = rng.choice((", ", "， ", " ，"))
        text = re.sub("，", lambda m: comma if rng.random() < 0.5 else "，", text)
        text = text.replace("。", rng.choice(("。 ", "。", ". ")))
    else:
        text = "\n".join("".join(p) for p in paras)
    title = orig.title
    if "traditional" in edits:
        text, title = S2T.convert(text), S2T.convert(title)
    published = orig.published + dt.timedelta(minutes=rng.randint(60, 72 * 60))
    section = rng.choice(SECTION_PATHS)
    url = f"https://{site}/{section}/{published:%Y}/{published:%m%d}/c{k}-{orig.idx}.html"
    copy = Article(-1, orig.topic, site, site_name, url, title, paras, published, [reporter], orig.site_name,
                   _name(rng), body_text=text,
                   extra={"lang": "zh-Hant", "script": "hant"} if "traditional" in edits else {})
    return copy, edits


def make_control(anchor: Article, seed: int, idx: int, k: int) -> Article:
    """A distinct article on ``anchor``'s topic that copies one or two of its sentences."""
    rng = random.Random(f"{seed}:control:{k}")
    art = make_article(seed, idx, topic=anchor.topic)
    flat = [s for p in anchor.paragraphs for s in p if len(s) >= 15] or [s for p in anchor.paragraphs for s in p]
    for s in rng.sample(flat, min(len(flat), rng.choice((1, 2)))):
        p = rng.randrange(len(art.paragraphs))
        art.paragraphs[p].insert(rng.randint(0, len(art.paragraphs[p])), s)
    art.url = art.url.replace(f"/{100000 + idx}.html", f"/n{k}-{100000 + idx}.html")
    return art


# --------------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------------
def write_timed(archive: Archive, items: list[dict], counts: dict[str, int]) -> float:
    """Write ``items`` in batches of BATCH; seconds spent inside write_batch."""
    spent = 0.0
    for i in range(0, len(items), BATCH):
        batch = items[i:i + BATCH]
        t0 = time.perf_counter()
        got = archive.write_batch(batch)
        spent += time.perf_counter() - t0
        for key, v in got.items():
            counts[key] = counts.get(key, 0) + v
    return spent


def insert_corpus(archive: Archive, n: int, seed: int) -> dict:
    counts: dict[str, int] = {}
    spent = gen = 0.0
    chars = []
    for start in range(0, n, CHUNK):
        t0 = time.perf_counter()
        items = [make_article(seed, i).item() for i in range(start, min(n, start + CHUNK))]
        gen += time.perf_counter() - t0
        chars.extend(len(it["body"]) for it in items)
        spent += write_timed(archive, items, counts)
        print(f"  … {start + len(items):,}/{n:,} stored, {(start + len(items)) / spent:,.0f} articles/s so far",
              file=sys.stderr, flush=True)
    return {"seconds": spent, "gen_seconds": gen, "counts": counts, "chars": chars}


def db_bytes(archive: Archive, n: int) -> dict:
    conn = archive.db.conn
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = archive.path
    size = path.stat().st_size + sum(p.stat().st_size for p in (Path(f"{path}-wal"),) if p.exists())
    split: dict[str, int] = {}
    try:
        for name, pgsize in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            group = ("fts" if name.startswith("articles_fts") else
                     "lsh" if name.startswith("lsh") else
                     "minhash" if name.startswith("minhash") else
                     "articles" if name.startswith("articles") or name.startswith("sqlite_autoindex_articles")
                     else "other")
            split[group] = split.get(group, 0) + pgsize
    except sqlite3.DatabaseError:
        pass
    body = conn.execute("SELECT sum(length(CAST(body AS BLOB))) FROM articles").fetchone()[0] or 0
    return {"size": size, "per": size / n, "split": {k: v / n for k, v in split.items()}, "body_per": body / n}


COMMON = {1: "市经发新年区人业工长", 2: ("经济", "发展", "市民", "记者", "同比", "企业", "建设", "服务", "江城", "项目"),
          4: ("经济发展", "同比增长", "老旧小区", "乡村振兴", "营商环境", "高质量发", "公共服务", "全市规模",
              "家庭医生", "社区食堂")}
RARE = {1: "鑫罡犇淼燚", 2: ("鲸鱼", "火山", "冰川", "魔术", "考古"), 4: ("量子纠缠", "火山喷发", "冰川融化", "北极科考", "深海探测")}
TRAD_CHECK = ("经济", "发展", "医院", "交通运输", "学校", "环境", "体育", "农业农村", "老旧小区", "台资企业")


def sample_terms(conn: sqlite3.Connection, rng: random.Random, n_articles: int, length: int, count: int) -> list[str]:
    """``count`` Han strings of ``length`` characters cut from random stored bodies (frequency-weighted)."""
    out: list[str] = []
    while len(out) < count:
        (body,) = conn.execute("SELECT body FROM articles WHERE id = ?", (rng.randint(1, n_articles),)).fetchone()
        runs = [r for r in re.findall(r"[\u4e00-\u9fff]+", body) if len(r) >= length]
        if runs:
            run = rng.choice(runs)
            at = rng.randrange(len(run) - length + 1)
            term = run[at:at + length]
            if term not in out:
                out.append(term)
    return out


def doc_freq(conn: sqlite3.Connection, term: str, cap: int) -> int:
    """Articles matching ``term`` (capped at ``cap``), with the same MATCH expression search() uses."""
    expression, _ = match_expression(term)
    return conn.execute("SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)",
                        (expression, cap)).fetchone()[0]


def stratified_terms(conn: sqlite3.Connection, rng: random.Random, n_articles: int, length: int, count: int,
                     exclude: set[str]) -> list[tuple[str, int]]:
    """``count`` sampled terms spread evenly over the document-frequency ranks of 3x as many candidates."""
    cap = max(1_000, n_articles // 5)
    candidates = [t for t in sample_terms(conn, rng, n_articles, length, 3 * count + len(exclude)) if t not in exclude]
    ranked = sorted(((doc_freq(conn, t, cap), t) for t in candidates[:3 * count]), key=lambda x: (x[0], x[1]))
    step = len(ranked) / count
    return [(t, df) for df, t in (ranked[int(i * step)] for i in range(count))]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(q * (len(values) - 1)))))]


def search_latency(db: Path, n: int, seed: int) -> dict:
    conn = sqlite3.connect(str(db))
    rng = random.Random(f"{seed}:queries")
    result: dict = {}
    for q in ("经济", "发展", "市", "江城新闻"):  # warm-up, not timed
        search(conn, q, limit=20)
    for length in (1, 2, 4):
        sampled = stratified_terms(conn, rng, n, length, 40, set(COMMON[length]) | set(RARE[length]))
        terms = list(COMMON[length]) + [t for t, _ in sampled] + list(RARE[length])
        cap = max(1_000, n // 5)
        dfs = [doc_freq(conn, t, cap) for t in terms]
        ms, hits = [], []
        for term in terms:
            t0 = time.perf_counter()
            got = search(conn, term, limit=20)
            ms.append((time.perf_counter() - t0) * 1000)
            hits.append(len(got))
        slowest = max(range(len(terms)), key=ms.__getitem__)
        result[length] = {"n": len(terms), "p50": pct(ms, 0.5), "p95": pct(ms, 0.95), "max": max(ms),
                          "slowest": terms[slowest], "full": sum(h == 20 for h in hits),
                          "few": sum(0 < h < 20 for h in hits), "none": sum(h == 0 for h in hits), "ms": ms,
                          "df": sorted(dfs), "cap": cap}
    checks = []
    for term in TRAD_CHECK:
        trad = S2T.convert(term)
        a = [h.id for h in search(conn, term, limit=20)]
        b = [h.id for h in search(conn, trad, limit=20)]
        checks.append((term, trad, a == b and bool(a), len(a)))
    result["trad"] = checks
    conn.close()
    return result


def plant(archive: Archive, n: int, pairs: int, seed: int) -> dict:
    rng = random.Random(f"{seed}:plant")
    chosen = rng.sample(range(n), min(n, 2 * pairs))
    originals = chosen[:pairs]
    anchors = chosen[pairs:] or chosen[:pairs]
    anchors = (anchors * (pairs // max(1, len(anchors)) + 1))[:pairs]
    conn = archive.db.conn
    base_links = conn.execute("SELECT count(*) FROM duplicates").fetchone()[0]
    docs: list[tuple[str, dict, list[str] | None, Article | None]] = []
    for k, idx in enumerate(originals):
        orig = make_article(seed, idx)
        copy, edits = make_copy(orig, seed, k)
        docs.append(("copy", copy.item(), edits, orig))
    for k, idx in enumerate(anchors):
        anchor = make_article(seed, idx)
        ctrl = make_control(anchor, seed, n + 1_000_000 + k, k)
        docs.append(("control", ctrl.item(), None, anchor))
    rng.shuffle(docs)
    # Detection on its own (hash lookup, MinHash, LSH candidates, similarity), nothing written ...
    t0 = time.perf_counter()
    found = [archive.duplicate_of(d[1]) for d in docs]
    detect_seconds = time.perf_counter() - t0
    id_of = dict(conn.execute("SELECT url, id FROM articles"))
    detect_hit = sum(1 for d, f in zip(docs, found) if d[0] == "copy" and f and f[0] == id_of.get(d[3].url))
    detect_false = sum(1 for d, f in zip(docs, found) if f and not (d[0] == "copy" and f[0] == id_of.get(d[3].url)))
    # ... then the same documents stored (detection, linking, and storing the controls as new articles).
    counts: dict[str, int] = {}
    spent = write_timed(archive, [d[1] for d in docs], counts)

    url_of = dict(conn.execute("SELECT id, url FROM articles"))
    linked = {frozenset((u, url_of.get(a, f"#{a}"))) for u, a in conn.execute("SELECT url, article_id FROM duplicates")}
    planted = {frozenset((d[1]["url"], d[3].url)) for d in docs if d[0] == "copy"}
    hit = planted & linked
    per_edit: dict[str, list[int]] = {e: [0, 0] for e in EDITS}
    sims_missed, sims_all = [], []
    for kind, item, edits, orig in docs:
        if kind != "copy":
            continue
        ok = frozenset((item["url"], orig.url)) in hit
        for e in edits:
            per_edit[e][0] += ok
            per_edit[e][1] += 1
        sim = similarity(signature(item["body"]), signature(orig.body))
        sims_all.append(sim)
        if not ok:
            sims_missed.append(sim)
    control_urls = {d[1]["url"] for d in docs if d[0] == "control"}
    false_controls = sum(1 for pair in linked - planted if pair & control_urls)
    return {"seconds": spent, "detect_seconds": detect_seconds, "detect_hit": detect_hit, "detect_false": detect_false,
            "docs": len(docs), "counts": counts, "recall": len(hit) / len(planted),
            "precision": len(hit) / len(linked) if linked else 1.0, "hit": len(hit), "planted": len(planted),
            "linked": len(linked), "base_links": base_links, "false_controls": false_controls,
            "per_edit": per_edit, "sims_missed": sims_missed, "sims_all": sims_all}


# --------------------------------------------------------------------------------------------------
# WARC
# --------------------------------------------------------------------------------------------------
CSS = """body{margin:0;font:14px/1.8 "PingFang SC","Microsoft YaHei",sans-serif;color:#333;background:#f5f5f5}
a{color:#333;text-decoration:none}a:hover{color:#c00}.w1200{width:1200px;margin:0 auto}.clearfix:after{content:"";display:block;clear:both}
.topbar{height:32px;line-height:32px;background:#f0f0f0;border-bottom:1px solid #e5e5e5;font-size:12px}.fl{float:left}.fr{float:right}
.header{height:100px}.logo img{height:60px;margin-top:20px}.search{float:right;margin-top:34px}.search input{width:240px;height:30px;border:1px solid #ccc}
.search button{height:32px;background:#c00;color:#fff;border:0;padding:0 16px}.nav{background:#c00}.nav li{float:left;list-style:none}
.nav a{display:block;padding:0 18px;line-height:44px;color:#fff;font-size:16px}.nav .on a,.nav a:hover{background:#a00}
.crumb{padding:12px 0;color:#999}.main{float:left;width:820px;background:#fff;padding:30px}.side{float:right;width:320px}
.article h1{font-size:28px;line-height:1.4;margin:0 0 16px}.info{color:#999;border-bottom:1px solid #eee;padding-bottom:12px}
.info span{margin-right:18px}.content p{text-indent:2em;margin:0 0 1.2em;font-size:17px;line-height:2}.content img{max-width:100%}
.editor{text-align:right;color:#999}.share{margin:20px 0;padding:10px 0;border-top:1px dashed #ddd}.share a{margin-right:10px}
.box{background:#fff;margin-bottom:16px;padding:16px}.box-hd{border-bottom:2px solid #c00;margin-bottom:10px}
.box-hd h3{display:inline-block;margin:0;padding:0 10px;background:#c00;color:#fff;font-size:16px;line-height:32px}
.list li{list-style:none;line-height:32px;height:32px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;border-bottom:1px dotted #eee}
.list li span{float:right;color:#999;font-size:12px}.rank li em{display:inline-block;width:20px;height:20px;background:#999;color:#fff;text-align:center;line-height:20px;margin-right:8px;font-style:normal}
.rank li:nth-child(-n+3) em{background:#c00}.pics li{float:left;width:140px;margin:0 10px 10px 0;list-style:none}.pics img{width:140px;height:95px}
.footer{background:#333;color:#aaa;text-align:center;padding:24px 0;margin-top:30px;font-size:12px}.footer a{color:#aaa}
.flink{background:#fff;padding:16px;margin-top:16px}.flink a{display:inline-block;margin:0 12px 6px 0;color:#666}
@media (max-width:768px){.w1200{width:auto}.main,.side{float:none;width:auto}.nav li{float:none}.search{display:none}}"""
JS = """var _hmt=_hmt||[];(function(){var hm=document.createElement("script");hm.src="https://hm.baidu.com/hm.js?%s";
var s=document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm,s);})();
function shareTo(t){var u=encodeURIComponent(location.href),ti=encodeURIComponent(document.title);var m={weibo:"https://service.weibo.com/share/share.php?url="+u+"&title="+ti,
qzone:"https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url="+u+"&title="+ti,wechat:"javascript:void(0)"};if(m[t])window.open(m[t]);}
function fontSize(n){var c=document.getElementById("content");if(c){var ps=c.getElementsByTagName("p");for(var i=0;i<ps.length;i++){ps[i].style.fontSize=n+"px";}}}
document.addEventListener("DOMContentLoaded",function(){var h=document.querySelectorAll(".hits");for(var i=0;i<h.length;i++){(function(el){var x=new XMLHttpRequest();
x.open("GET","/api/hits.php?id="+el.getAttribute("data-id"));x.onload=function(){el.innerHTML=x.responseText;};x.send();})(h[i]);}});"""
CHANNELS = ("首页", "时政", "本地", "区县", "经济", "产业", "三农", "教育", "健康", "文旅", "体育", "生态", "民生", "法治",
            "视频", "图片", "专题", "评论", "台港澳", "国内", "国际", "房产", "汽车", "问政", "公益", "服务")


def page_html(art: Article, rng: random.Random, seed: int) -> str:
    e = html.escape
    target = rng.randint(30_000, 50_000)

    def titles(k: int) -> list[tuple[str, str]]:
        out = []
        for _ in range(k):
            other = rng.randrange(10_000_000)
            w = Writer(random.Random(f"{seed}:t:{other}"), rng.choice(TOPICS), art.published)
            out.append((f"/news/{art.published:%Y}/{rng.randint(101, 1231):04d}/{100000 + other}.html", w.title()))
        return out

    def box(name: str, items: list[tuple[str, str]], cls: str = "list") -> str:
        lis = "".join(f'<li><span>{art.published:%m-%d}</span><a href="{e(h)}" target="_blank" title="{e(t)}">'
                      f'{"<em>%d</em>" % (i + 1) if cls == "rank" else ""}{e(t)}</a></li>'
                      for i, (h, t) in enumerate(items))
        return f'<div class="box"><div class="box-hd"><h3>{name}</h3></div><ul class="{cls}">{lis}</ul></div>\n'

    on = ' class="on"'
    nav = "".join(f'<li{on if i == 2 else ""}><a href="/{i}/">{c}</a></li>' for i, c in enumerate(CHANNELS))
    body = "\n".join(f"<p>{e(''.join(p))}</p>" for p in art.paragraphs)
    head = (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{e(art.title)}_{art.site_name}</title>\n'
            f'<meta name="keywords" content="{e(art.site_name)},{e(art.topic)}">\n'
            f'<meta name="description" content="{e(art.body[:120])}">\n<meta name="viewport" content="width=device-width">\n'
            f'<style>{CSS}</style>\n</head>\n<body>\n<div class="topbar"><div class="w1200 clearfix"><span class="fl">欢迎访问{art.site_name}！'
            f'</span><span class="fr"><a href="/login.php">登录</a> | <a href="/sitemap.html">网站地图</a></span></div></div>\n'
            f'<div class="header w1200"><a class="logo" href="/"><img src="/static/logo.png" alt="{art.site_name}"></a>'
            f'<form class="search" action="/search.php"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>\n'
            f'<div class="nav"><ul class="w1200 clearfix">{nav}</ul></div>\n'
            f'<div class="w1200 crumb">当前位置：<a href="/">首页</a> &gt; <a href="/2/">本地</a> &gt; 正文</div>\n'
            f'<div class="w1200 clearfix"><div class="main"><div class="article"><h1>{e(art.title)}</h1>\n'
            f'<div class="info"><span>{art.published:%Y-%m-%d %H:%M}</span><span>来源：{e(art.source)}</span>'
            f'<span>作者：{e(" ".join(art.authors))}</span><span>阅读：<b class="hits" data-id="{art.idx}">0</b></span>'
            f'<span>字号：<a href="javascript:fontSize(20)">大</a> <a href="javascript:fontSize(17)">中</a> '
            f'<a href="javascript:fontSize(14)">小</a></span></div>\n<div class="content" id="content">\n{body}\n</div>\n'
            f'<p class="editor">责任编辑：{e(art.editor)}</p>\n<div class="share">分享到：<a href="javascript:shareTo(\'weibo\')">微博</a>'
            f'<a href="javascript:shareTo(\'wechat\')">微信</a><a href="javascript:shareTo(\'qzone\')">QQ空间</a></div></div>\n')
    main_tail = box("相关阅读", titles(8)) + "</div>\n<div class=\"side\">\n"
    side = box("最近更新", titles(12)) + box("热点排行", titles(10), "rank")
    side += ('<div class="box"><div class="box-hd"><h3>图片新闻</h3></div><ul class="pics clearfix">' + "".join(
        f'<li><a href="{e(h)}"><img src="/uploads/{art.published:%Y%m}/{rng.randrange(10**8)}.jpg" alt="{e(t)}"></a>'
        f'<a href="{e(h)}">{e(t[:12])}</a></li>' for h, t in titles(4)) + "</ul></div>\n")
    flinks = "".join(f'<a href="https://{d}/" target="_blank">{n}</a>' for d, n in SITES)
    foot = (f'</div></div>\n<div class="w1200 flink">友情链接：{flinks}</div>\n<div class="footer"><p><a href="/about.html">关于我们</a> | '
            f'<a href="/contact.html">联系我们</a> | <a href="/ad.html">广告服务</a> | <a href="/sitemap.html">网站地图</a></p>'
            f'<p>Copyright © 2005-2024 {art.site_name} 版权所有 未经授权禁止复制或建立镜像</p><p>联系电话：0571-{rng.randint(10**7, 10**8 - 1)} '
            f'违法和不良信息举报：jubao@{art.site[4:]}</p><p>浙ICP备{rng.randint(10**7, 10**8 - 1)}号 浙公网安备 {rng.randint(10**13, 10**14 - 1)}号</p></div>\n'
            f'<script>{JS % art.site[4:].replace(".", "")}</script>\n</body>\n</html>\n')
    page = head + main_tail + side
    extra = ""
    while len((page + extra + foot).encode()) < target:  # more "更多推荐" until the page reaches its size
        extra += box("更多推荐", titles(10))
    return page + extra + foot


def warc_bytes(tmp: Path, seed: int) -> dict:
    directory = tmp / "warc"
    series = WarcSeries(directory, max_bytes=1 << 40, prefix="bench")
    raw = 0
    spent = 0.0
    rng = random.Random(f"{seed}:warc")
    for i in range(WARC_PAGES):
        art = make_article(seed, i)
        page = page_html(art, rng, seed).encode("utf-8")
        raw += len(page)
        headers = [("Server", "nginx"), ("Date", "Mon, 15 Jul 2024 08:00:00 GMT"),
                   ("Content-Type", "text/html; charset=utf-8"), ("Connection", "keep-alive"),
                   ("Vary", "Accept-Encoding"), ("Cache-Control", "max-age=600"), ("Content-Encoding", "gzip")]
        t0 = time.perf_counter()
        series.write(art.url, 200, headers, page)
        spent += time.perf_counter() - t0
    series.close()
    size = sum(p.stat().st_size for p in directory.glob("*.warc.gz"))
    return {"raw_per": raw / WARC_PAGES, "per": size / WARC_PAGES, "pages_s": WARC_PAGES / spent}


# --------------------------------------------------------------------------------------------------
def machine() -> str:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8")
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({model or 'unknown model'}), "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, numpy {np.__version__}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--articles", type=int, default=100_000, help="base corpus size N (default 100000)")
    ap.add_argument("--pairs", type=int, default=500, help="planted near-duplicate pairs P and negative controls")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="keep the archive at this path (must not exist)")
    args = ap.parse_args(argv)
    n, pairs = args.articles, args.pairs
    if n < 10 or pairs < 1:
        ap.error("--articles must be >= 10 and --pairs >= 1")
    if args.keep and args.keep.exists():
        ap.error(f"{args.keep} exists: give a new path")
    tmp = Path(tempfile.mkdtemp(prefix="bench-storage-"))
    db = args.keep or tmp / "bench.db"
    wall = time.perf_counter()
    try:
        archive = Archive(db, helper_process=None)  # as the ingester: a second core prepares texts
        print(f"[1/4] inserting {n:,} articles …", file=sys.stderr, flush=True)
        ins = insert_corpus(archive, n, args.seed)
        size = db_bytes(archive, n)
        print("[2/4] search latency …", file=sys.stderr, flush=True)
        lat = search_latency(db, n, args.seed)
        print(f"[3/4] planting {pairs} copies + {pairs} controls …", file=sys.stderr, flush=True)
        dup = plant(archive, n, pairs, args.seed)
        archive.close()
        print("[4/4] WARC …", file=sys.stderr, flush=True)
        warc = warc_bytes(tmp, args.seed)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    wall = time.perf_counter() - wall

    rate = n / ins["seconds"]
    det = dup["docs"] / dup["detect_seconds"]
    det_write = dup["docs"] / dup["seconds"]
    rows: list[tuple[str, str, str, str]] = []

    def row(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
        rows.append((label, value, target, "" if ok is None else ("✓" if ok else "✗")))

    row("1 insert rate, batches of 500, FTS+MinHash+LSH", f"{rate:,.0f} articles/s", f"≥ {TARGET_INSERT:,}/s",
        rate >= TARGET_INSERT)
    row("  base corpus written as new / duplicate", f"{ins['counts'].get('new', 0):,} / {ins['counts'].get('duplicate', 0):,}",
        "all new", ins["counts"].get("duplicate", 0) == 0)
    row("2 near-dup recall (copy linked to original)", f"{dup['recall']:.1%} ({dup['hit']}/{dup['planted']})",
        f"≥ {TARGET_RECALL:.0%}", dup["recall"] >= TARGET_RECALL)
    row("  near-dup precision (linked pairs planted)", f"{dup['precision']:.1%} ({dup['hit']}/{dup['linked']})",
        f"≥ {TARGET_PRECISION:.0%}", dup["precision"] >= TARGET_PRECISION)
    row("  detection throughput (2P docs, N stored)", f"{det:,.0f} docs/s", f"≥ {TARGET_DETECT:,}/s", det >= TARGET_DETECT)
    row("  the same 2P docs written (detect, link, store)", f"{det_write:,.0f} docs/s", "(report)")
    for length in (1, 2, 4):
        r = lat[length]
        row(f"3 search {length}-char, p50 / p95 ({r['n']} queries)", f"{r['p50']:.1f} / {r['p95']:.1f} ms",
            f"p95 ≤ {TARGET_P95_MS:.0f} ms", r["p95"] <= TARGET_P95_MS)
    all_ms = [m for length in (1, 2, 4) for m in lat[length]["ms"]]
    row(f"  search all lengths, p50 / p95 ({len(all_ms)} queries)", f"{pct(all_ms, .5):.1f} / {pct(all_ms, .95):.1f} ms",
        f"p95 ≤ {TARGET_P95_MS:.0f} ms", pct(all_ms, .95) <= TARGET_P95_MS)
    good = sum(c[2] for c in lat["trad"])
    row("  traditional query = simplified hits", f"{good}/{len(lat['trad'])}", "all", good == len(lat["trad"]))
    row("4 DB bytes per article (after checkpoint)", f"{size['per']:,.0f} B", "(report)")
    row(f"  WARC gzip bytes per page ({WARC_PAGES:,} pages)", f"{warc['per']:,.0f} B", "(report)")

    chars = ins["chars"]
    print(f"portal-archiver storage benchmark: N={n:,} articles, P={pairs} pairs, seed {args.seed}")
    print(f"machine: {machine()}")
    print(f"corpus: body {min(chars):,}-{max(chars):,} chars (mean {statistics.mean(chars):,.0f}), {len(TOPICS)} topics, "
          f"{len(SITES)} portals, published 2024; generated in {ins['gen_seconds']:.0f} s (untimed); "
          f"insert time {ins['seconds']:.1f} s; whole run {wall:.0f} s")
    print()
    widths = [max(len(r[i]) for r in rows + [("Measure", "Result", "Target", "")]) for i in range(3)]
    print(f"{'Measure':<{widths[0]}}  {'Result':>{widths[1]}}  {'Target':<{widths[2]}}")
    print("-" * (sum(widths) + 8))
    for label, value, target, ok in rows:
        print(f"{label:<{widths[0]}}  {value:>{widths[1]}}  {target:<{widths[2]}}  {ok}")
    print()
    pe = "  ".join(f"{e} {v[0]}/{v[1]}" for e, v in dup["per_edit"].items())
    print(f"near-dup detail: recall by edit: {pe}")
    sims = sorted(dup["sims_all"])
    print(f"  est. similarity copy~original: min {sims[0]:.2f}, p5 {pct(sims, .05):.2f}, median {pct(sims, .5):.2f}; "
          f"missed copies' similarity: {', '.join(f'{s:.2f}' for s in sorted(dup['sims_missed'])[:12]) or 'none'}")
    print(f"  detection alone (Archive.duplicate_of, nothing written): {dup['detect_hit']}/{dup['planted']} copies "
          f"found their original, {dup['detect_false']} other matches")
    print(f"  false links: {dup['false_controls']} to negative controls, {dup['base_links']} in the base corpus; "
          f"plant-phase counts {dup['counts']}")
    for length in (1, 2, 4):
        r = lat[length]
        df = r["df"]
        print(f"search detail {length}-char: matching articles per query min {df[0]:,} / median {pct(df, .5):,} / "
              f"max {df[-1]:,}{'+' if df[-1] >= r['cap'] else ''} ({sum(d >= r['cap'] for d in df)} at the "
              f"{r['cap']:,} count cap, {sum(d < 20 for d in df)} under 20 hits); "
              f"slowest {r['max']:.1f} ms ({r['slowest']})")
    print("  traditional: " + "  ".join(f"{s}/{t} {'✓' if ok else '✗'}" for s, t, ok, _ in lat["trad"]))
    split = ", ".join(f"{k} {v:,.0f}" for k, v in sorted(size["split"].items(), key=lambda kv: -kv[1]))
    print(f"bytes detail: DB {size['size'] / 1e6:,.1f} MB; per article: {split or 'dbstat unavailable'}; "
          f"body text (UTF-8) {size['body_per']:,.0f}")
    print(f"  WARC: HTML {warc['raw_per'] / 1000:,.1f} KB/page raw -> {warc['per'] / 1000:,.1f} KB gzip "
          f"({warc['raw_per'] / warc['per']:.1f}x), {warc['pages_s']:,.0f} pages/s written")
    if args.keep:
        print(f"archive kept at {args.keep}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
