"""Search over the bundled data, with the queries a reader of the two articles would type.

Chinese (full names, short forms, parts of names), English (any case, word
prefixes), pinyin (spaced, run together, syllable initials) and small Latin typos.
The last test walks every entry of the dataset: its name, its English name and
each of its pinyin strings must find it.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import Runner

DATA = Path(__file__).resolve().parents[2] / "data"
ENTRY_TYPES = ("figure", "company", "organisation", "place", "event", "plan", "product", "project", "industry")


@pytest.fixture(autouse=True)
def _one_cache_for_this_module(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Share one private cache folder between this module's tests (each still isolated from the user's)."""
    global _CACHE
    if _CACHE is None:
        _CACHE = tmp_path_factory.mktemp("search-cache")
    monkeypatch.setenv("LINPING_CACHE_DIR", str(_CACHE))


_CACHE: Path | None = None


def search(run: Runner, query: str, *options: str) -> list[str]:
    """The ids `linping search QUERY --json --limit 0` returns, best first."""
    result = run("search", query, "--json", "--limit", "0", "--fields", "id", *options)
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 1:
        assert result.stderr.startswith("linping: nothing matches")
    return [hit["id"] for hit in json.loads(result.stdout or "[]")]


def check(run: Runner, query: str, expected: str, first: bool) -> None:
    ids = search(run, query)
    assert expected in ids, f"{query!r} does not find {expected}: {ids[:10]}"
    if first:
        assert ids[0] == expected, f"{query!r} finds {expected} but not first: {ids[:5]}"


# Chinese -----------------------------------------------------------------------------------------

CHINESE_FULL = [  # the name as the article writes it: exact, so first
    ("杭州西奥电梯有限公司", "xiolift"),
    ("杭州汽轮动力集团股份有限公司", "htc"),
    ("2024年地区生产总值", "gdp-2024"),
    ("第137届广交会", "canton-fair-137"),
    ("浙江大学高端装备研究院", "zju-equipment-institute"),
    ("西安交通大学国家技术转移中心临平分中心", "xjtu-tech-transfer-linping"),
    ("临平区", "linping"),
    ("长三角G60科创大走廊", "g60-corridor"),
    ("3+2+X先进制造业集群体系", "cluster-3-2-x"),
    ("数智临平·品质城区", "shuzhi-linping"),
    ("三千亿级未来智造城", "future-smart-manufacturing-city"),
    ("全国服务型制造先行区", "service-manufacturing-pioneer-zone"),
    ("F级50兆瓦重型燃气轮机HGT51F", "hgt51f"),
    ("沪乍杭铁路", "hu-zha-hang-railway"),
    ("跨境直播基地", "cross-border-livestream-base"),
    ("高端装备", "high-end-equipment"),
    ("泛半导体（算力）", "pan-semiconductor"),
    ("中国服务型制造大会", "service-manufacturing-conference"),
    ("发展服务型制造专项行动指南", "service-manufacturing-guide"),
]

CHINESE_SHORT = [  # a short form the articles use: an alias, so first
    ("西奥电梯", "xiolift"),
    ("西奥", "xiolift"),
    ("杭汽轮", "htc"),
    ("春风动力", "cfmoto"),
    ("知存科技", "witmem"),
    ("徴格半导体", "zynalog"),
    ("徵格半导体", "zynalog"),  # the usual form of the character
    ("广交会", "canton-fair-137"),
    ("争气机", "hgt51f"),
    ("绿港", "china-green-port"),
    ("工信部", "miit"),
    ("浙大", "zju"),
    ("沪", "shanghai"),
    ("临平经开区", "linping-edz"),
    ("《服务型制造工程实施意见》", "zhejiang-service-manufacturing-opinions"),
    ("“双碳”目标", "dual-carbon"),
    ("规上工业企业", "industrial-firms-above-scale"),
    ("GDP", "gdp-2024"),
    ("新三样", "xin-san-yang"),
    ("临影厂", "linying-2"),
]

CHINESE_PART = [  # part of a name, a tag or a summary: found, not necessarily first
    ("电梯", "xiolift"),
    ("燃气轮机", "hgt51f"),
    ("燃气轮机", "htc"),
    ("技术转移", "zstu-tech-transfer"),
    ("技术转移", "xjtu-tech-transfer-linping"),
    ("博士后", "firstack-postdoc-station"),
    ("博士后", "zju-postdoc-station"),
    ("出口总额", "exports-2024"),
    ("存内计算", "witmem-cim-chip"),
    ("卓越工程师", "engineer-practice-bases"),
    ("卓越工程师", "excellent-engineers-target-2025"),
    ("算力", "suanli-town"),
    ("服务型制造", "donghua-chain"),
    ("宣成", "xuan-cheng"),  # people: by their names, as person entries
    ("隋永枫", "sui-yongfeng"),
    ("吴昊", "wu-hao"),
    ("林通", "lin-tong"),
    ("方建", "fang-jian"),
    ("唐晓洪", "tang-xiaohong"),
    ("德国", "germany"),
    ("东南亚", "southeast-asia"),
    ("拉美", "latin-america"),
    ("数算模用", "shusuan-moyong"),
    ("微笑曲线", "smile-curve"),
    ("准独角兽", "hangzhou-quasi-unicorn"),
    ("临平芯", "digital-signal-chain"),
    ("实验室", "zynalog-lab"),
    ("月季", "donghu-expressway"),
]


# English -----------------------------------------------------------------------------------------

ENGLISH = [  # (query, expected, first)
    ("xiolift", "xiolift", True),  # the id itself
    ("XIOLIFT", "xiolift", True),
    ("XioLift", "xiolift", True),
    ("elev", "xiolift", False),  # a word prefix of the tag "elevator"
    ("elevator", "xiolift", False),
    ("turbine", "htc", False),
    ("turbine", "hgt51f", False),
    ("Canton", "canton-fair-137", False),
    ("Canton", "canton-fair-exhibitors", False),
    ("canton fair", "canton-fair-137", True),
    ("CFMOTO", "cfmoto", True),
    ("Witmem", "witmem", True),
    ("Zhejiang University", "zju", True),
    ("china green port", "china-green-port", True),
    ("Computing Power Town", "suanli-town", True),
    ("gross regional product", "gdp-2024", False),
    ("exports", "exports-2024", False),
    ("high-tech", "high-tech-enterprises", False),
    ("valid invention", "valid-inventions", False),
    ("MIIT", "miit", True),
    ("Shanghai", "shanghai", True),
    ("Germany", "germany", True),
    ("Latin America", "latin-america", True),
    ("smile curve", "smile-curve", True),
    ("quasi-unicorn", "hangzhou-quasi-unicorn", True),
    ("postdoctoral", "firstack-postdoc-station", False),
    ("3+2+x", "cluster-3-2-x", True),
    ("Hangzhou Metro Phase IV", "hangzhou-metro-phase-4", True),
    ("metro", "hangzhou-metro-phase-4", False),
    ("new industrialization", "new-industrialization", True),
    ("green energy", "green-energy", True),
    ("electronica", "electronica-china-2025", False),
    ("Xuan Cheng", "xuan-cheng", False),  # a person, the way English text spells the name
    ("Sui Yongfeng", "sui-yongfeng", False),
    ("Tang Xiaohong", "tang-xiaohong", False),
    ("HGT51F", "hgt51f", True),
    ("ZGADX010X", "zgadx010x", True),
]


# Pinyin ------------------------------------------------------------------------------------------

PINYIN = [  # (query, expected, first)
    ("xi ao dian ti", "xiolift", True),
    ("xiao dian ti", "xiolift", True),  # the same letters, split differently
    ("xiaodianti", "xiolift", True),
    ("xadt", "xiolift", False),  # syllable initials
    ("xi ao", "xiolift", True),
    ("hang qi lun", "htc", True),
    ("hangqilun", "htc", True),
    ("chun feng dong li", "cfmoto", True),
    ("cfdl", "cfmoto", False),
    ("zhi cun", "witmem", True),
    ("zheng ge ban dao ti", "zynalog", True),
    ("suan li xiao zhen", "suanli-town", True),
    ("suanlixiaozhen", "suanli-town", True),
    ("slxz", "suanli-town", False),
    ("zhong guo lv gang", "china-green-port", True),
    ("guang jiao hui", "canton-fair-137", True),
    ("zheng qi ji", "hgt51f", True),
    ("chang san jiao", "yangtze-river-delta", True),  # 长 read chang here
    ("wen tuo tiao you", "wentuo-tiaoyou", True),  # 调 read tiao here
    ("zhe da", "zju", True),
    ("shu zhi lin ping", "shuzhi-linping", True),
    ("sqyjwlzzc", "future-smart-manufacturing-city", False),
    ("quan guo fu wu xing zhi zao xian xing qu", "service-manufacturing-pioneer-zone", True),
    ("fu wu xing zhi zao", "service-oriented-manufacturing", True),
    ("gui shang gong ye qi ye", "industrial-firms-above-scale", True),
    ("jin chu kou zong e", "trade-total-2024", True),
    ("gao ji neng ren cai", "high-skilled-talent-2024", True),
    ("di qu sheng chan zong zhi", "gdp-2024", True),
    ("hu zha hang", "hu-zha-hang-railway", True),
    ("lin ping shan", "linping-mountain", True),
    ("xuan cheng", "xuan-cheng", False),  # a person
    ("de guo", "germany", True),
    ("dong nan ya", "southeast-asia", True),
    ("wei xiao qu xian", "smile-curve", True),
    ("ming yi zhuan jia ai fen shen xi tong", "ai-doctor-avatar", True),
    ("kua jing zhi bo ji di", "cross-border-livestream-base", True),
]


# Typos -------------------------------------------------------------------------------------------

TYPOS = [
    ("cfmotto", "cfmoto"),
    ("xiolfit", "xiolift"),
    ("xioilft", "xiolift"),
    ("zynalgo", "zynalog"),
    ("wisedaig", "wisediag"),
    ("firstak", "firstack"),
    ("electornica", "electronica-china-2025"),
]


@pytest.mark.parametrize(("query", "expected"), CHINESE_FULL)
def test_chinese_full_name_is_found_first(run: Runner, query: str, expected: str) -> None:
    check(run, query, expected, first=True)


@pytest.mark.parametrize(("query", "expected"), CHINESE_SHORT)
def test_chinese_short_form_is_found_first(run: Runner, query: str, expected: str) -> None:
    check(run, query, expected, first=True)


@pytest.mark.parametrize(("query", "expected"), CHINESE_PART)
def test_chinese_part_of_a_name_finds_the_entry(run: Runner, query: str, expected: str) -> None:
    check(run, query, expected, first=False)


@pytest.mark.parametrize(("query", "expected", "first"), ENGLISH)
def test_english(run: Runner, query: str, expected: str, first: bool) -> None:
    check(run, query, expected, first)


@pytest.mark.parametrize(("query", "expected", "first"), PINYIN)
def test_pinyin(run: Runner, query: str, expected: str, first: bool) -> None:
    check(run, query, expected, first)


@pytest.mark.parametrize(("query", "expected"), TYPOS)
def test_small_latin_typos_still_find_the_entry(run: Runner, query: str, expected: str) -> None:
    check(run, query, expected, first=False)


def test_every_entry_type_is_covered_above() -> None:
    covered = {expected for _, expected, *_ in [*CHINESE_FULL, *CHINESE_SHORT, *ENGLISH, *PINYIN]}
    types = {entry["id"]: entry["type"] for entry in _entries()}
    assert {types[i] for i in covered if i in types} == set(ENTRY_TYPES)


def test_type_filter_keeps_only_that_type(run: Runner) -> None:
    ids = search(run, "燃气轮机", "--type", "product")
    assert ids == ["hgt51f"]


def test_search_json_hits_say_where_they_came_from(run: Runner) -> None:
    result = run("search", "西奥", "--json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "xiolift"
    for hit in hits:
        assert hit["source"], hit["id"]
        assert all(re.fullmatch(r"00[04]_[0-9a-f]{16}\.txt", ref["file"]) for ref in hit["source"])


def test_a_query_nothing_matches_exits_1(run: Runner) -> None:
    result = run("search", "qqqqzzzz", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


# Every entry, by each of its names -----------------------------------------------------------------


@functools.cache
def _entries() -> list[dict[str, Any]]:
    entries = []
    for path in sorted(DATA.glob("*.toml")):
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
        for type_name in ENTRY_TYPES:
            entries += [{**table, "type": type_name} for table in document.get(type_name, [])]
    return entries


def _name_cases() -> list[Any]:
    cases = []
    for entry in _entries():
        queries = [("name", entry["name"]), ("name_en", entry["name_en"])]
        queries += [(f"pinyin[{i}]", text) for i, text in enumerate(entry["pinyin"])]
        for kind, text in queries:
            cases.append(pytest.param(entry["id"], text, id=f"{entry['id']}-{kind}"))
    return cases


@pytest.mark.parametrize(("entry_id", "query"), _name_cases())
def test_every_entry_is_found_by_its_name_english_name_and_pinyin(run: Runner, entry_id: str, query: str) -> None:
    result = run("search", query, "--json", "--limit", "0", "--fields", "id")
    assert result.exit_code == 0, result.stderr
    assert entry_id in [hit["id"] for hit in json.loads(result.stdout)]


@pytest.mark.parametrize(
    "entry_id", ["gdp-2024", "g60-corridor", "canton-fair-137", "xjtu-tech-transfer-linping", "hgt51f"])
def test_pinyin_with_digits_or_over_60_letters_is_found_spaced_or_run_together(run: Runner, entry_id: str) -> None:
    entry = next(e for e in _entries() if e["id"] == entry_id)
    for text in entry["pinyin"]:
        assert entry_id in search(run, text), text
        assert entry_id in search(run, text.replace(" ", "")), text


# Ids and numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry_id",
    ["gdp-2024", "xiolift", "zju", "suanli-town", "canton-fair-137", "cluster-3-2-x", "hgt51f",
     "hangzhou-metro-phase-4", "green-energy"],
)
def test_an_id_is_found_first(run: Runner, entry_id: str) -> None:
    check(run, entry_id, entry_id, first=True)


def _figures() -> list[Any]:
    return [pytest.param(e["id"], e["value"], id=e["id"]) for e in _entries() if e["type"] == "figure"]


# How a figure's value is written where the articles do not use digits for it.
WORDED = {"cultural-industry-target": "百亿元", "cross-border-ecommerce-target": "翻番"}


@pytest.mark.parametrize(("entry_id", "value"), _figures())
def test_every_figure_is_found_by_its_number(run: Runner, entry_id: str, value: float) -> None:
    query = WORDED.get(entry_id) or (str(int(value)) if float(value).is_integer() else str(value))
    check(run, query, entry_id, first=False)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("1300", "hgt51f"), ("2700", "hgt51f"), ("160", "hgt51f"), ("2万", "hgt51f"), ("17.7", "trade-total-2024"),
     ("60.6", "new-invention-patents"), ("1175.09", "gdp-2024"), ("2400", "computing-town-firms")],
)
def test_numbers_from_the_articles_find_their_entry(run: Runner, query: str, expected: str) -> None:
    check(run, query, expected, first=False)


def test_a_number_is_not_matched_by_a_near_miss_number(run: Runner) -> None:
    assert "gdp-2024" not in search(run, "2022")
    assert "future-smart-manufacturing-city" not in search(run, "1300")


# Ranking, questions and names as ids (issue 12) ------------------------------------------------------


@pytest.mark.parametrize(("query", "expected"), [
    ("gas turbine", "hgt51f"), ("出口", "exports-2024"), ("invention patents 2024", "new-invention-patents"),
    ("临平2024年GDP是多少", "gdp-2024"), ("GDP2024", "gdp-2024"), ("Linping exports in 2024", "exports-2024"),
    ("臨平", "linping"), ("電梯", "xiolift"), ("春風", "cfmoto")])
def test_what_a_new_user_types_finds_the_entry_first(run: Runner, query: str, expected: str) -> None:
    check(run, query, expected, first=True)


def test_a_word_two_edits_from_a_name_is_no_typo(run: Runner) -> None:
    result = run("search", "revenue")
    assert result.exit_code == 1 and result.stderr.startswith("linping: nothing matches")


def test_a_query_with_a_word_the_data_lacks_still_finds_the_rest_below_full_matches(run: Runner) -> None:
    ids = search(run, "elevator zeppelin")
    assert ids[0] == "xiolift"
    assert search(run, "elevator xiolift")[0] == "xiolift"


@pytest.mark.parametrize("name", ["西奥电梯", "XIOLIFT", "xiolift", "Hangzhou XIOLIFT Co., Ltd.",
                                  "杭州西奥电梯有限公司"])
def test_show_takes_a_unique_name_or_alias(run: Runner, name: str) -> None:
    result = run("show", name, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "xiolift"


def test_compare_takes_names(run: Runner) -> None:
    result = run("compare", "西奥电梯", "春风动力", "--json")
    assert result.exit_code == 0
    assert [e["id"] for e in json.loads(result.stdout)["entries"]] == ["xiolift", "cfmoto"]


def test_an_unknown_name_lists_the_best_candidates(run: Runner) -> None:
    result = run("show", "研究院")
    assert result.exit_code == 2
    assert result.stderr.startswith("linping: no entry has id '研究院' (best matches: ")
    assert "zju-equipment-institute" in result.stderr


def test_a_dataset_brings_its_own_synonyms_and_the_cache_keeps_them(fixture_file: Path, run_fixture: Runner) -> None:
    assert run_fixture("search", "hoist").exit_code == 1
    with open(fixture_file, "a", encoding="utf-8") as handle:
        handle.write('\n[[synonym]]\nterms = ["hoist", "升降机"]\n')
    for _ in range(2):  # built, then read back from the cache
        result = run_fixture("search", "hoist", "--json", "--fields", "id")
        assert result.exit_code == 0 and json.loads(result.stdout)[0]["id"] == "acme-lift"
