"""Write a valid synthetic linping dataset of N entries, for the benchmarks.

    python tests/benchmarks/generate.py N OUTDIR [--seed S] [--chunk 5000] [--force] [--hub]

The output is one region folder, laid out as the real data is: meta.toml with
[meta] and one [[source]] per invented article, then the entries in one file per
type and chunk (companies-000.toml, companies-001.toml, ...). Entries look like the
real ones: Chinese names from a pool of common characters with their tone-less
pinyin, English names, aliases, tags, both summaries, key figures, sources, and
references between entries (locations, makers, subjects, parents, related).

The same N and seed always give the same bytes. Whatever N, the set also holds
the companies `xiolift` (杭州西奥电梯有限公司) and `cfmoto`, a few products
whose names contain 西奥 or CFMOTO, and the place `linping`, so the benchmark's
queries (`search 西奥`, `search cfmoto`, `show xiolift`, `compare xiolift cfmoto`)
mean the same at every size.

With --hub (`generate_hub`) the region is hub-shaped instead: the fixed entries, a few
industries, and N children that all hang from the place `linping-edz` and name nothing
else: towns and parks whose `parent` it is and, one in two, companies whose `location` it is.

Standard library only. `generate(n, outdir, seed=...)` and `generate_hub(...)` are
the functions the benchmark calls; each returns a summary (files, bytes, entries by type).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 1
DEFAULT_CHUNK = 5000

# Common characters with a tone-less reading (the usual one; good enough for "plausible").
_CHARS = (
    "杭hang州zhou西xi奥ao电dian梯ti临lin平ping余yu塘tang星xing桥qiao乔qiao司si崇chong贤xian运yun河he"
    "东dong南nan北bei中zhong新xin华hua天tian恒heng达da盛sheng通tong明ming光guang海hai山shan江jiang"
    "湖hu金jin银yin宝bao安an康kang泰tai丰feng利li源yuan祥xiang瑞rui鑫xin宏hong远yuan博bo睿rui智zhi"
    "科ke技ji创chuang业ye工gong程cheng机ji械xie装zhuang备bei材cai料liao能neng环huan保bao生sheng物wu"
    "医yi药yao健jian食shi品pin纺fang织zhi服fu饰shi家jia居ju汽qi车che零ling部bu件jian数shu字zi云yun"
    "网wang络luo信xin息xi软ruan城cheng市shi区qu镇zhen村cun街jie道dao园yuan港gang湾wan峰feng林lin"
    "森sen水shui泉quan石shi田tian禾he稻dao谷gu春chun夏xia秋qiu冬dong晨chen阳yang月yue云yun雷lei"
    "风feng雨yu雪xue霞xia彩cai虹hong龙long凤feng鹏peng鸿hong雁yan鹤he松song柏bai竹zhu梅mei兰lan"
    "荷he菊ju桂gui杨yang柳liu桐tong榕rong永yong长chang久jiu嘉jia佳jia和he顺shun德de仁ren义yi礼li"
    "信xin诚cheng正zheng方fang圆yuan广guang大da小xiao高gao立li卓zhuo越yue凯kai旋xuan胜sheng力li"
    "雄xiong伟wei英ying杰jie俊jun豪hao强qiang健jian锦jin绣xiu华hua晶jing莹ying辉hui煌huang耀yao"
    "腾teng飞fei翔xiang跃yue进jin航hang舟zhou帆fan涛tao浪lang潮chao汇hui聚ju合he众zhong联lian"
    "友you邦bang万wan千qian百bai亿yi兆zhao鼎ding晟sheng昊hao昌chang荣rong富fu贵gui福fu禄lu寿shou"
    "喜xi乐le美mei善shan真zhen思si维wei语yu言yan文wen书shu画hua艺yi精jing密mi微wei纳na米mi芯xin"
    "片pian光guang谱pu声sheng波bo磁ci场chang热re冷leng温wen动dong静jing速su量liang质zhi"
)
# Characters of the fixed words (suffixes, kinds, metrics, topics): names use them, random stems do not.
_WORD_CHARS = (
    "三san上shang专zhuan个ge产chan亩mu人ren仪yi份fen企qi会hui传chuan低di值zhi元yuan入ru全quan公gong出chu划hua制zhi加jia务wu"
    "包bao升sheng协xie占zhan厂chang发fa口kou台tai吸xi员yuan商shang器qi团tuan固gu国guo地di坛tan型xing境jing增zeng外wai委wei"
    "学xue定ding实shi室shi对dui就jiu展zhan干gan年nian建jian开kai式shi引yin形xing心xin总zong感gan才cai托tuo扶fu投tou招zhao"
    "授shou控kong提ti摩mo收shou改gai放fang政zheng施shi更geng有you未wei术shu权quan条tiao来lai案an检jian气qi池chi油you测ce"
    "济ji浙zhe烟yan燃ran特te率lv目mu研yan碳tan社she积ji究jiu端duan第di策ce管guan线xian经jing绿lv聘pin股gu育yu色se若ruo营ying"
    "届jie行xing规gui览lan计ji论lun设she资zi跨kua轮lun造zao限xian院yuan集ji面mian项xiang额e验yan"
)
HAN = list(dict(re.findall(r"([\u4e00-\u9fff])([a-z]+)", _CHARS)))
PINYIN: dict[str, str] = dict(re.findall(r"([\u4e00-\u9fff])([a-z]+)", _CHARS + _WORD_CHARS))

# (Chinese, English, id word)
INDUSTRY_WORDS = [
    ("电梯", "Elevator", "elevator"), ("电气", "Electric", "electric"), ("机械", "Machinery", "machinery"),
    ("科技", "Technology", "tech"), ("智能", "Intelligent", "smart"), ("新材料", "New Materials", "materials"),
    ("生物", "Biotech", "bio"), ("医药", "Pharmaceutical", "pharma"), ("纺织", "Textile", "textile"),
    ("服饰", "Apparel", "apparel"), ("家居", "Home Furnishing", "home"), ("汽车零部件", "Auto Parts", "autoparts"),
    ("数字", "Digital", "digital"), ("网络", "Network", "network"), ("能源", "Energy", "energy"),
    ("环保", "Environmental", "enviro"), ("食品", "Food", "food"), ("精密仪器", "Precision Instruments", "instruments"),
    ("光电", "Optoelectronics", "opto"), ("芯片", "Semiconductor", "chip"), ("动力", "Power", "power"),
    ("装备", "Equipment", "equipment"), ("电器", "Appliances", "appliances"), ("包装", "Packaging", "packaging"),
]
COMPANY_SUFFIXES = [("有限公司", "Co., Ltd."), ("股份有限公司", "Co., Ltd."), ("集团有限公司", "Group Co., Ltd."),
                    ("科技有限公司", "Technology Co., Ltd.")]
CITY_PREFIXES = [("杭州", "Hangzhou"), ("浙江", "Zhejiang"), ("临平", "Linping"), ("", "")]
PLACE_KINDS = [("街道", "Subdistrict", "subdistrict"), ("镇", "Town", "town"), ("社区", "Community", "community"),
               ("村", "Village", "village"), ("工业园", "Industrial Park", "industrial-park"),
               ("小镇", "Town", "themed-town"), ("产业园", "Industry Park", "industry-park")]
ORG_KINDS = [("商会", "Chamber of Commerce", "chamber"), ("协会", "Association", "association"),
             ("研究院", "Research Institute", "research-institute"), ("实验室", "Laboratory", "laboratory"),
             ("服务中心", "Service Centre", "service-centre"), ("管委会", "Administrative Committee", "government"),
             ("医院", "Hospital", "hospital"), ("学院", "College", "college")]
EVENT_KINDS = [("大会", "Conference", "conference"), ("博览会", "Expo", "expo"), ("论坛", "Forum", "forum"),
               ("峰会", "Summit", "summit"), ("招聘会", "Job Fair", "job-fair"),
               ("开工仪式", "Groundbreaking", "milestone")]
PLAN_KINDS = [("三年行动计划", "Three-year Action Plan", "action-plan"),
              ("实施方案", "Implementation Plan", "policy"), ("发展规划", "Development Plan", "plan"),
              ("行动方案", "Action Programme", "action-plan"), ("若干政策", "Support Policies", "policy")]
PROJECT_KINDS = [("项目", "Project", "project"), ("工程", "Works", "works"),
                 ("改造提升工程", "Upgrade Works", "upgrade"), ("建设项目", "Construction Project", "construction")]
ELEVATORS = [("电梯", "elevator"), ("扶梯", "escalator")]
MOTORCYCLES = [("摩托车", "motorcycle"), ("全地形车", "all-terrain vehicle")]
PRODUCT_NOUNS = [*ELEVATORS, *MOTORCYCLES, ("燃气轮机", "gas turbine"), ("吸油烟机", "range hood"),
                 ("传感器", "sensor"), ("控制器", "controller"), ("电池", "battery"), ("面料", "fabric"),
                 ("机器人", "robot"), ("检测仪", "tester")]
TOPICS = [("智能制造", "Smart Manufacturing", "smart-manufacturing"),
          ("数字经济", "Digital Economy", "digital-economy"), ("生物医药", "Biomedicine", "biomedicine"),
          ("高端装备", "High-end Equipment", "high-end-equipment"), ("新能源", "New Energy", "new-energy"),
          ("人才引育", "Talent", "talent"), ("科技创新", "Innovation", "innovation"),
          ("对外开放", "Opening Up", "opening-up"), ("服务型制造", "Service-oriented Manufacturing", "servitization"),
          ("绿色低碳", "Green and Low-carbon", "low-carbon"), ("未来工厂", "Future Factory", "future-factory"),
          ("跨境电商", "Cross-border E-commerce", "cross-border-ecommerce"),
          ("城市更新", "Urban Renewal", "urban-renewal")]
# (Chinese label, English label, unit, unit_en, low, high, integer?)
METRICS = [
    ("地区生产总值", "gross regional product", "亿元", "100 million yuan", 100, 3000, False),
    ("规上工业增加值", "industrial value added above scale", "亿元", "100 million yuan", 50, 1500, False),
    ("进出口总额", "total trade", "亿元", "100 million yuan", 10, 1200, False),
    ("出口额", "exports", "亿元", "100 million yuan", 5, 900, False),
    ("固定资产投资", "fixed-asset investment", "亿元", "100 million yuan", 20, 800, False),
    ("研发投入", "R&D spending", "亿元", "100 million yuan", 1, 60, False),
    ("规上工业企业", "industrial firms above scale", "家", "firms", 20, 1200, True),
    ("高新技术企业", "high-tech enterprises", "家", "firms", 10, 900, True),
    ("专精特新企业", "specialised and innovative firms", "家", "firms", 5, 300, True),
    ("新增就业人数", "new jobs", "人", "people", 500, 40000, True),
    ("引进人才", "talent recruited", "人", "people", 100, 20000, True),
    ("发明专利授权", "invention patents granted", "件", "patents", 50, 5000, True),
    ("数字生产线", "digital production lines", "条", "lines", 1, 80, True),
    ("年产量", "annual output", "万台", "10,000 units", 1, 500, False),
    ("营业收入", "operating revenue", "亿元", "100 million yuan", 1, 400, False),
    ("出口国家和地区", "countries and regions served", "个", "countries and regions", 5, 150, True),
    ("员工人数", "employees", "人", "people", 50, 20000, True),
    ("占地面积", "site area", "亩", "mu", 10, 3000, True),
    ("总投资", "total investment", "亿元", "100 million yuan", 1, 200, False),
    ("增长率", "growth rate", "%", "percent", 1, 40, False),
]
TAGS = [("manufacturing", "制造业"), ("export", "出口"), ("innovation", "创新"), ("elevator", "电梯"),
        ("motorcycle", "摩托车"), ("digital", "数字化"), ("talent", "人才"), ("economy", "经济"),
        ("investment", "投资"), ("green", "绿色"), ("future-factory", "未来工厂"), ("cluster", "产业集群"),
        ("biomedicine", "生物医药"), ("equipment", "装备"), ("trade", "外贸"), ("platform", "平台"),
        ("policy", "政策"), ("infrastructure", "基础设施"), ("culture", "文化"), ("tourism", "旅游")]
SECTIONS = ["lead", "“老树”发新枝 传统产业向服务型制造转型", "“新芽”成大树 全力培育新兴产业聚能起势",
            "智造引擎 驱动“新中心”能级跃升", "创新生态 点燃“新中心”发展活力", "开放提能 拓展发展空间", "民生实事"]
ZH_CLAUSES = [
    "位于{place}，近年来持续推进数字化改造", "依托{topic}加快转型升级", "产品远销海外多个国家和地区",
    "入选省级{topic}示范名单", "与高校院所共建研发平台", "是当地{topic}的代表性成果", "带动上下游配套企业集聚发展",
    "报道称其产值保持两位数增长", "由区政府牵头统筹推进", "为企业提供政策、人才和金融服务", "计划于近两年内全面建成",
    "聚焦{topic}领域的关键技术攻关",
]
EN_CLAUSES = [
    "based in {place} and steadily digitising its operations", "using {topic} to move up the value chain",
    "selling to customers in dozens of countries and regions", "named on the provincial {topic} showcase list",
    "running joint research platforms with universities and institutes",
    "cited by the articles as a flagship of local {topic}", "drawing suppliers and partners into a local cluster",
    "reported to have kept double-digit growth in output", "coordinated by the district government",
    "offering firms help with policy, talent and finance", "due to be completed within the next two years",
    "focused on key technologies in {topic}",
]
NOTES = ["两篇报道的数字略有出入，取较新者。", "原文未给出具体日期。", "报道仅给出约数。", "名称以官方公告为准。"]
ROLES = [("董事长", "chairman"), ("总经理", "general manager"), ("总工程师", "chief engineer"),
         ("党委书记", "party secretary")]

# Share of each type in a generated set (places, industries and companies come first: others point at them).
MIX = [("place", 0.06), ("industry", 0.04), ("company", 0.17), ("organisation", 0.09), ("product", 0.12),
       ("figure", 0.26), ("event", 0.07), ("plan", 0.08), ("project", 0.08), ("person", 0.03)]
PLURALS = {"figure": "figures", "company": "companies", "organisation": "organisations", "place": "places",
           "event": "events", "plan": "plans", "product": "products", "project": "projects",
           "industry": "industries", "person": "people"}
FIRST_FIELDS = ("id", "name", "name_en", "aliases", "pinyin", "tags", "category", "summary", "summary_en", "source",
                "related", "key_figures", "note")


def pinyin_of(text: str) -> str:
    """Tone-less pinyin, syllables joined by spaces; non-Han runs kept as lower-case words."""
    words: list[str] = []
    latin = ""
    for char in text:
        if char in PINYIN:
            if latin.strip():
                words.append(latin.strip().lower())
            latin = ""
            words.append(PINYIN[char])
        elif "\u4e00" <= char <= "\u9fff":
            raise KeyError(f"no reading for {char!r} in the generator's character pool")
        else:
            latin += char
    if latin.strip():
        words.append(latin.strip().lower())
    return " ".join(" ".join(words).split())


def _has_han(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _toml(value: Any) -> str:
    """A TOML value: JSON's string escapes are valid TOML basic-string escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def entry_toml(type_name: str, entry: dict[str, Any]) -> str:
    lines = [f"[[{type_name}]]"]
    keys = [k for k in FIRST_FIELDS if k in entry] + [k for k in entry if k not in FIRST_FIELDS]
    for key in keys:
        value = entry[key]
        if key in ("source", "key_figures", "outside", "statements") and len(value) > 1:
            lines.append(f"{key} = [")
            lines.extend(f"  {_toml(item)}," for item in value)
            lines.append("]")
        else:
            lines.append(f"{key} = {_toml(value)}")
    return "\n".join(lines) + "\n"


@dataclass
class _State:
    rng: random.Random
    sources: list[str]
    ids: set[str] = field(default_factory=set)
    by_type: dict[str, list[str]] = field(default_factory=dict)
    all_ids: list[str] = field(default_factory=list)
    place_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    brands: dict[str, tuple[str, str]] = field(default_factory=dict)

    def unique_id(self, base: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-") or "entry"
        candidate, number = base, 1
        while candidate in self.ids:
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def add(self, type_name: str, entry: dict[str, Any]) -> dict[str, Any]:
        self.ids.add(entry["id"])
        self.by_type.setdefault(type_name, []).append(entry["id"])
        self.all_ids.append(entry["id"])
        return entry

    def pick(self, type_name: str) -> str:
        """A random id of this type made so far (the district itself when there is none yet)."""
        made = self.by_type.get(type_name)
        return self.rng.choice(made) if made else "linping"


def _han(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(HAN) for _ in range(count))


def _title(pinyin: str) -> str:
    return "".join(pinyin.split()).capitalize()


def _common(state: _State, name: str, name_en: str, aliases: list[str], category: str, place: str,
            topic: tuple[str, str, str], figures: int) -> dict[str, Any]:
    """The fields every entry has, filled with plausible text."""
    rng = state.rng
    place_zh, place_en = state.place_names.get(place, ("临平", "Linping"))
    clauses = rng.sample(range(len(ZH_CLAUSES)), 2)
    summary = "，".join(ZH_CLAUSES[i].format(place=place_zh, topic=topic[0]) for i in clauses)
    summary_en = ", ".join(EN_CLAUSES[i].format(place=place_en, topic=topic[1].lower()) for i in clauses)
    tags: list[str] = []
    for en, zh in rng.sample(TAGS, rng.randint(1, 3)):
        tags += [en, zh]
    cited = rng.sample(state.sources, min(len(state.sources), rng.choice((1, 1, 2))))
    entry: dict[str, Any] = {
        "name": name,
        "name_en": name_en,
        "aliases": aliases,
        "pinyin": [pinyin_of(name)] + [pinyin_of(a) for a in aliases if _has_han(a)],
        "tags": tags,
        "category": category,
        "summary": f"{summary}。",
        "summary_en": f"{summary_en[0].upper()}{summary_en[1:]}.",
        "source": [{"file": f, "section": rng.choice(SECTIONS)} for f in cited],
    }
    if state.all_ids and rng.random() < 0.6:
        entry["related"] = list(dict.fromkeys(rng.choice(state.all_ids) for _ in range(rng.randint(1, 3))))
    if figures:
        entry["key_figures"] = [_key_figure(rng) for _ in range(figures)]
    if rng.random() < 0.15:
        entry["note"] = rng.choice(NOTES)
    return entry


def _key_figure(rng: random.Random) -> dict[str, Any]:
    label, label_en, unit, unit_en, low, high, whole = rng.choice(METRICS)
    value: int | float = rng.randint(low, high) if whole else round(rng.uniform(low, high), 2)
    figure: dict[str, Any] = {"label": label, "label_en": label_en, "value": value, "unit": unit, "unit_en": unit_en}
    if rng.random() < 0.3:
        figure["qualifier"] = rng.choice(("more-than", "about", "at-least"))
    if rng.random() < 0.5:
        figure["year"] = rng.randint(2019, 2025)
    if rng.random() < 0.3:
        figure["growth"] = round(rng.uniform(-5, 30), 1)
    return figure


def _place(state: _State) -> dict[str, Any]:
    rng = state.rng
    stem = _han(rng, 2)
    kind_zh, kind_en, category = rng.choice(PLACE_KINDS)
    name, name_en = stem + kind_zh, f"{_title(pinyin_of(stem))} {kind_en}"
    entry_id = state.unique_id(f"{''.join(pinyin_of(stem).split())}-{category}")
    parent = state.pick("place")
    entry = {"id": entry_id, **_common(state, name, name_en, [stem], category, parent, rng.choice(TOPICS), 0)}
    entry["parent"] = parent
    state.place_names[entry_id] = (name, name_en)
    return entry


def _industry(state: _State) -> dict[str, Any]:
    rng = state.rng
    topic = rng.choice(TOPICS)
    stem = _han(rng, 2)
    name = f"{stem}{topic[0]}产业"
    name_en = f"{_title(pinyin_of(stem))} {topic[1]} industry"
    entry_id = state.unique_id(f"{''.join(pinyin_of(stem).split())}-{topic[2]}")
    entry = {"id": entry_id, **_common(state, name, name_en, [stem + topic[0]], "emerging", "linping", topic,
                                      rng.randint(0, 1))}
    entry.update(tier=rng.choice(("3", "2", "X")), scale=rng.choice((100, 300, 500, 1000)), scale_unit="亿元",
                 scale_qualifier="more-than")
    return entry


def _company(state: _State, *, fixed: dict[str, Any] | None = None) -> dict[str, Any]:
    rng = state.rng
    brand = _han(rng, 2)
    industry_zh, industry_en, industry_word = rng.choice(INDUSTRY_WORDS)
    city_zh, city_en = rng.choice(CITY_PREFIXES)
    suffix_zh, suffix_en = rng.choice(COMPANY_SUFFIXES)
    brand_py = "".join(pinyin_of(brand).split())
    name = f"{city_zh}{brand}{industry_zh}{suffix_zh}"
    name_en = " ".join(p for p in (city_en, brand_py.capitalize(), industry_en, suffix_en) if p)
    aliases = [brand + industry_zh, brand_py.upper()]
    entry_id = state.unique_id(f"{brand_py}-{industry_word}")
    if fixed:
        name, name_en, aliases, entry_id = fixed["name"], fixed["name_en"], fixed["aliases"], fixed["id"]
        brand = fixed["brand"]
    location = state.pick("place")
    entry = {"id": entry_id, **_common(state, name, name_en, aliases, industry_word, location, rng.choice(TOPICS),
                                      rng.randint(0, 4))}
    entry.update(location=location, industry=state.pick("industry"), founded=rng.randint(1958, 2022))
    if rng.random() < 0.3:
        entry["founded_inferred"] = True
    entry["name_en_origin"] = "translation"
    if rng.random() < 0.3:
        entry["outside"] = [{"field": "aliases", "note": "the brand in Latin letters, which the articles do not write"}]
    state.brands[entry_id] = (brand, brand_py.capitalize())
    return entry


def _organisation(state: _State) -> dict[str, Any]:
    rng = state.rng
    topic = rng.choice(TOPICS)
    kind_zh, kind_en, category = rng.choice(ORG_KINDS)
    place = state.pick("place")
    place_zh, place_en = state.place_names.get(place, ("临平", "Linping"))
    name = f"{place_zh}{topic[0]}{kind_zh}"
    name_en = f"{place_en} {topic[1]} {kind_en}"
    entry_id = state.unique_id(f"{place}-{topic[2]}-{category}")
    entry = {"id": entry_id, **_common(state, name, name_en, [f"{topic[0]}{kind_zh}"], category, place, topic,
                                      rng.randint(0, 2))}
    entry["location"] = place
    if state.by_type.get("organisation") and rng.random() < 0.3:
        entry["parent"] = state.pick("organisation")
    return entry


def _product(state: _State, *, maker: str | None = None,
             nouns: list[tuple[str, str]] = PRODUCT_NOUNS) -> dict[str, Any]:
    rng = state.rng
    maker = maker or state.pick("company")
    brand_zh, brand_en = state.brands[maker]
    noun_zh, noun_en = rng.choice(nouns)
    model = f"{rng.choice('ABCDEFGHKMNRSTVXZ')}{rng.randint(1, 999)}{rng.choice(('', 'S', 'Pro', 'X', 'SR'))}"
    name = f"{brand_zh}{model}{noun_zh}"
    name_en = f"{brand_en} {model} {noun_en}"
    entry_id = state.unique_id(f"{maker}-{model}")
    entry = {"id": entry_id, **_common(state, name, name_en, [model, f"{brand_en} {model}"],
                                      noun_en.replace(" ", "-"), "linping", rng.choice(TOPICS), rng.randint(0, 3))}
    entry.update(maker=maker, year=rng.randint(2015, 2025))
    if rng.random() < 0.4:
        entry["year_inferred"] = True
    return entry


def _figure(state: _State) -> dict[str, Any]:
    rng = state.rng
    label, label_en, unit, unit_en, low, high, whole = rng.choice(METRICS)
    year = rng.randint(2018, 2025)
    subject = state.pick("company") if rng.random() < 0.3 else state.pick("place")
    if subject in state.place_names:
        subject_zh, subject_en = state.place_names[subject]
    else:
        subject_zh, subject_en = state.brands[subject]
    name = f"{subject_zh}{year}年{label}"
    name_en = f"{subject_en} {label_en}, {year}"
    entry_id = state.unique_id(f"{subject}-{label_en}-{year}")
    entry = {"id": entry_id, **_common(state, name, name_en, [f"{label}{year}"], label_en.split()[-1], "linping",
                                      rng.choice(TOPICS), 0)}
    value: int | float = rng.randint(low, high) if whole else round(rng.uniform(low, high), 2)
    entry.update(value=value, unit=unit, unit_en=unit_en, year=year, period=str(year), subject=subject)
    if rng.random() < 0.5:
        entry["growth"] = round(rng.uniform(-5, 30), 1)
    if rng.random() < 0.25:
        entry["qualifier"] = rng.choice(("more-than", "about", "at-least"))
    if rng.random() < 0.1:
        entry["target"] = True
    if state.by_type.get("figure") and rng.random() < 0.1:
        entry["part_of"] = state.pick("figure")
    return entry


def _event(state: _State) -> dict[str, Any]:
    rng = state.rng
    topic = rng.choice(TOPICS)
    kind_zh, kind_en, category = rng.choice(EVENT_KINDS)
    edition = rng.randint(1, 30)
    year = rng.randint(2018, 2025)
    stem = _han(rng, 2)
    name = f"第{edition}届{stem}{topic[0]}{kind_zh}"
    name_en = f"{_title(pinyin_of(stem))} {topic[1]} {kind_en} (edition {edition})"
    entry_id = state.unique_id(f"{''.join(pinyin_of(stem).split())}-{topic[2]}-{category}-{year}")
    place = state.pick("place")
    entry = {"id": entry_id, **_common(state, name, name_en, [f"{stem}{topic[0]}{kind_zh}"], category, place, topic,
                                      rng.randint(0, 2))}
    entry.update(date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", location=place,
                 organiser=state.pick("organisation"), edition=edition)
    if rng.random() < 0.3:
        entry["date_inferred"] = True
    return entry


def _plan(state: _State) -> dict[str, Any]:
    rng = state.rng
    topic = rng.choice(TOPICS)
    kind_zh, kind_en, category = rng.choice(PLAN_KINDS)
    place = state.pick("place")
    place_zh, place_en = state.place_names.get(place, ("临平", "Linping"))
    year = rng.randint(2018, 2025)
    name = f"{place_zh}{topic[0]}{kind_zh}"
    name_en = f"{place_en} {topic[1]} {kind_en}"
    entry_id = state.unique_id(f"{place}-{topic[2]}-{category}-{year}")
    entry = {"id": entry_id, **_common(state, name, name_en, [f"{topic[0]}{kind_zh}"], category, place, topic,
                                      rng.randint(0, 2))}
    entry.update(year=year, deadline=year + rng.randint(1, 5), issuer=state.pick("organisation"))
    return entry


def _project(state: _State) -> dict[str, Any]:
    rng = state.rng
    topic = rng.choice(TOPICS)
    kind_zh, kind_en, category = rng.choice(PROJECT_KINDS)
    place = state.pick("place")
    place_zh, place_en = state.place_names.get(place, ("临平", "Linping"))
    stem = _han(rng, 2)
    name = f"{place_zh}{stem}{topic[0]}{kind_zh}"
    name_en = f"{place_en} {_title(pinyin_of(stem))} {topic[1]} {kind_en}"
    entry_id = state.unique_id(f"{''.join(pinyin_of(stem).split())}-{topic[2]}-{category}")
    return {"id": entry_id, **_common(state, name, name_en, [f"{stem}{topic[0]}"], category, place, topic,
                                     rng.randint(0, 2))}


def _person_entry(state: _State) -> dict[str, Any]:
    rng = state.rng
    name = _han(rng, 3)  # from the generator's pool of characters, whose readings it knows
    role, role_en = rng.choice(ROLES)
    organisation = state.pick("company")
    name_en = _title(pinyin_of(name))
    entry = {"id": state.unique_id("-".join(pinyin_of(name).split())),
             **_common(state, name, name_en, [], "person", "linping", rng.choice(TOPICS), 0)}
    entry.update(name_en_origin="translation", role=role, role_en=role_en, organisation=organisation,
                 statements=[{"summary": "谈到企业近年的转型。", "summary_en": "Spoke of the firm's recent change.",
                              "source": entry["source"]}])
    return entry


MAKERS = {"place": _place, "industry": _industry, "company": _company, "organisation": _organisation,
          "product": _product, "figure": _figure, "event": _event, "plan": _plan, "project": _project,
          "person": _person_entry}


def _fixed_entries(state: _State) -> dict[str, list[dict[str, Any]]]:
    """The entries every generated set has, so the benchmark's queries mean the same at every size."""
    linping = {"id": "linping", "name": "临平区", "name_en": "Linping District", "aliases": ["临平", "Linping"],
               "pinyin": ["lin ping qu", "lin ping"], "tags": ["district", "区"], "category": "district",
               "summary": "杭州东部的区，制造业重镇。",
               "summary_en": "District in eastern Hangzhou with a strong manufacturing base.",
               "source": [{"file": state.sources[0], "section": "lead"}]}
    state.add("place", linping)
    state.place_names["linping"] = ("临平", "Linping")
    edz = {"id": "linping-edz", "name": "临平经济技术开发区",
           "name_en": "Linping Economic and Technological Development Zone",
           "aliases": ["临平经开区"], "pinyin": ["lin ping jing ji ji shu kai fa qu", "lin ping jing kai qu"],
           "tags": ["zone", "开发区"], "category": "development-zone", "summary": "临平的国家级开发区。",
           "summary_en": "Linping's national-level development zone.", "parent": "linping",
           "source": [{"file": state.sources[0], "section": "lead"}]}
    state.add("place", edz)
    state.place_names["linping-edz"] = ("临平经开区", "Linping EDZ")
    equipment = {"id": "equipment-manufacturing", "name": "装备制造", "name_en": "Equipment manufacturing",
                 "pinyin": ["zhuang bei zhi zao"], "tags": ["equipment", "装备"], "category": "leading-cluster",
                 "summary": "临平的主导产业之一。", "summary_en": "One of Linping's leading industries.",
                 "source": [{"file": state.sources[0], "section": "lead"}], "tier": "3", "scale": 1000,
                 "scale_unit": "亿元"}
    state.add("industry", equipment)
    xiolift = _company(state, fixed={
        "id": "xiolift", "name": "杭州西奥电梯有限公司", "name_en": "Hangzhou XIOLIFT Co., Ltd.",
        "aliases": ["西奥电梯", "西奥", "XIOLIFT"], "brand": "西奥"})
    xiolift.update(location="linping-edz", industry="equipment-manufacturing")
    state.add("company", xiolift)
    cfmoto = _company(state, fixed={
        "id": "cfmoto", "name": "浙江春风动力股份有限公司", "name_en": "Zhejiang CFMOTO Power Co., Ltd.",
        "aliases": ["春风动力", "CFMOTO"], "brand": "春风"})
    cfmoto.update(location="linping-edz", industry="equipment-manufacturing")
    state.add("company", cfmoto)
    state.brands["cfmoto"] = ("春风", "CFMOTO")
    state.brands["xiolift"] = ("西奥", "XIOLIFT")
    products = [state.add("product", _product(state, maker="xiolift", nouns=ELEVATORS)) for _ in range(3)]
    products += [state.add("product", _product(state, maker="cfmoto", nouns=MOTORCYCLES)) for _ in range(3)]
    return {"place": [linping, edz], "industry": [equipment], "company": [xiolift, cfmoto], "product": products}


def _meta_toml(sources: list[str], rng: random.Random) -> str:
    parts = ['# Synthetic benchmark dataset: invented entries, none of them real.\n\n[meta]\nid = "linping"\n'
             'region = "临平区"\nregion_en = "Linping District, Hangzhou"\n']
    for index, file in enumerate(sources):
        topic = TOPICS[index % len(TOPICS)]
        year = rng.randint(2019, 2025)
        parts.append(entry_toml("source", {
            "file": file, "title": f"临平{topic[0]}进展综述（{index + 1}）",
            "title_en": f"Linping's progress in {topic[1].lower()} ({index + 1})",
            "summary": f"介绍临平在{topic[0]}方面的做法、成效与数据。",
            "summary_en": f"How Linping works on {topic[1].lower()}, with results and figures.", "year": year}))
    return "\n".join(parts)


def generate(n: int, outdir: Path, *, seed: int = 0, chunk: int = DEFAULT_CHUNK, force: bool = False) -> dict[str, Any]:
    """Write a dataset of `n` entries (at least the fixed ones) into `outdir`; return a summary."""
    return {**_write(outdir, random.Random(seed * 1_000_003 + n), n // 50, chunk, force,
                     lambda state: _mixed_entries(state, n)), "seed": seed}


def _mixed_entries(state: _State, n: int) -> dict[str, list[dict[str, Any]]]:
    entries: dict[str, list[dict[str, Any]]] = {t: [] for t, _ in MIX}
    for type_name, fixed in _fixed_entries(state).items():
        entries[type_name].extend(fixed)
    remaining = max(0, n - sum(len(v) for v in entries.values()))
    targets = {t: int(remaining * share) for t, share in MIX}
    targets["figure"] += remaining - sum(targets.values())
    for type_name, _ in MIX:
        for _ in range(targets[type_name]):
            entries[type_name].append(state.add(type_name, MAKERS[type_name](state)))
    return entries


def _write(outdir: Path, rng: random.Random, sources: int, chunk: int, force: bool,
           make: Callable[[_State], dict[str, list[dict[str, Any]]]]) -> dict[str, Any]:
    """Write meta.toml (with at least two sources) and the entries `make` gives, one file per type and chunk,
    into `outdir`; a summary."""
    outdir = Path(outdir)
    if outdir.exists() and any(outdir.iterdir()):
        if not force:
            raise FileExistsError(f"{outdir} is not empty (use force=True / --force to replace its .toml files)")
        for old in outdir.glob("*.toml"):
            old.unlink()
    outdir.mkdir(parents=True, exist_ok=True)
    files_cited = [f"{i:03d}_{rng.getrandbits(64):016x}.txt" for i in range(max(2, sources))]
    state = _State(rng, files_cited)
    entries = make(state)

    files: list[Path] = []
    meta = outdir / "meta.toml"
    meta.write_text(_meta_toml(files_cited, rng), encoding="utf-8")
    files.append(meta)
    entry_bytes = 0
    for type_name, items in entries.items():
        for number, start in enumerate(range(0, len(items), chunk)):
            text = f"# Synthetic {PLURALS[type_name]}, part {number + 1}.\n\n" + "\n".join(
                entry_toml(type_name, item) for item in items[start:start + chunk])
            path = outdir / f"{PLURALS[type_name]}-{number:03d}.toml"
            data = text.encode("utf-8")
            path.write_bytes(data)
            entry_bytes += len(data)
            files.append(path)
    total = sum(len(v) for v in entries.values())
    return {
        "entries": total,
        "by_type": {t: len(v) for t, v in entries.items()},
        "sources": len(files_cited),
        "files": len(files),
        "entry_bytes": entry_bytes,
        "total_bytes": sum(p.stat().st_size for p in files),
        "bytes_per_entry": entry_bytes / total if total else 0.0,
        "outdir": str(outdir),
    }


HUB = "linping-edz"  # the place every child of a hub-shaped region hangs from
HUB_INDUSTRIES = 20  # enough that no industry is a hub of its own


def generate_hub(children: int, outdir: Path, *, seed: int = 0, chunk: int = DEFAULT_CHUNK,
                 force: bool = False) -> dict[str, Any]:
    """Write a hub-shaped region into `outdir`: the fixed entries, a few industries, and `children` entries that
    all hang from the place HUB: towns and parks whose `parent` it is (a district with its towns) and, one in two,
    companies whose `location` it is (a park with its companies). A child names nothing else, so the hub's links
    are the children's: `children` of them. Returns a summary, as `generate` does."""
    return {**_write(outdir, random.Random(f"hub {seed} {children}"), children // 50, chunk, force,
                     lambda state: _hub_entries(state, children)), "seed": seed}


def _hub_entries(state: _State, children: int) -> dict[str, list[dict[str, Any]]]:
    entries: dict[str, list[dict[str, Any]]] = {t: [] for t, _ in MIX}
    for type_name, fixed in _fixed_entries(state).items():
        entries[type_name].extend(fixed)
    for _ in range(HUB_INDUSTRIES):
        entries["industry"].append(state.add("industry", _industry(state)))
    for number in range(children):
        type_name = "company" if number % 2 else "place"
        child = MAKERS[type_name](state)
        for other in ("related", "industry"):
            child.pop(other, None)
        child["location" if type_name == "company" else "parent"] = HUB
        entries[type_name].append(state.add(type_name, child))
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic linping dataset of N entries.")
    parser.add_argument("n", type=int, help="number of entries")
    parser.add_argument("outdir", type=Path, help="folder to write (created; must be empty unless --force)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--chunk", type=int, default=DEFAULT_CHUNK, help="entries per file (default 5000)")
    parser.add_argument("--force", action="store_true", help="replace the .toml files of a non-empty OUTDIR")
    parser.add_argument("--hub", action="store_true", help=f"a hub-shaped region: N entries all hanging from {HUB}")
    args = parser.parse_args(argv)
    if args.n < 1 or args.chunk < 1:
        parser.error("N and --chunk must be positive")
    try:
        make = generate_hub if args.hub else generate
        summary = make(args.n, args.outdir, seed=args.seed, chunk=args.chunk, force=args.force)
    except FileExistsError as error:
        print(f"generate.py: {error}", file=sys.stderr)
        return 2
    types = ", ".join(f"{t} {c}" for t, c in summary["by_type"].items())
    print(f"wrote {summary['entries']} entries ({types}) and {summary['sources']} sources "
          f"in {summary['files']} files to {summary['outdir']}")
    print(f"{summary['total_bytes']:,} bytes in all; {summary['bytes_per_entry']:.0f} bytes of TOML per entry "
          f"on average (entry files only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
