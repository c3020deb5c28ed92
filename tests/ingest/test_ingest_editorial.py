"""`validate`'s fact-checking rules (ingest/editorial.py): a region written to break each of them, and
the same region put right. A region that breaks them still loads: they are for `validate` to report."""

from __future__ import annotations

from pathlib import Path

from linping_cli.cli.load import load_dataset, validate_dataset

BROKEN = """[meta]
id = "r"
region = "区"
region_en = "R"

[[source]]
file = "a.txt"

[[figure]]
id = "partners"
name = "2025年合作企业"
name_en = "Partner firms"
value = 100
unit = "家"
qualifier = "several"
year = 2025
year_inferred = true
growth = 5
summary = "与之合作的企业有数百家。"
summary_en = "Several hundred partner firms."
source = [{ file = "a.txt", section = "lead" }]

[[company]]
id = "acme"
name = "测试公司"
name_en = "Acme Ltd."
name_en_origin = "own-name"
aliases = ["ACME"]
pinyin = ["ce shi gong si"]
outside = [{ field = "aliases", note = "the company's own brand" }]
key_figures = [{ label = "规模级别", value = 500, unit = "亿元", qualifier = "class" }]
related = ["launch"]
summary = "2024年5月推出了新品。"
summary_en = "Launched a new product in May."
source = [{ file = "a.txt", section = "lead" }]

[[event]]
id = "launch"
name = "新品发布会"
name_en = "Product launch"
date = "2024-05"
date_inferred = true
summary = "5月的发布会，年份推定为2024年。"
summary_en = "A launch in May, the year taken to be 2024."
source = [{ file = "a.txt", section = "lead" }]

[[person]]
id = "zhang-san"
name = "张三"
name_en = "John Zhang"
name_en_origin = "transliteration"
pinyin = ["zhang san"]
role = "董事长"
summary = "测试公司的董事长。"
summary_en = "Chairman of the company."
source = [{ file = "a.txt", section = "lead" }]

[[place]]
id = "hu-town"
name = "沪镇"
name_en = "Hu Town"
name_en_origin = "translation"
pinyin = ["hu zhen"]
summary = "一个镇。"
summary_en = "A town."
source = [{ file = "a.txt", section = "lead" }]

[[place]]
id = "river-city"
name = "江城"
name_en = "Jiangcheng"
name_en_origin = "translation"
pinyin = ["jiang cheng"]
summary = "一座城。"
summary_en = "A city."
source = [{ file = "a.txt", section = "lead" }]

[[industry]]
id = "big-industry"
name = "大产业"
name_en = "A big industry"
scale = 1000
scale_unit = "亿元"
scale_qualifier = "class"
summary = "千亿级的产业。"
summary_en = "An industry in the 100-billion class."
source = [{ file = "a.txt", section = "lead" }]
"""

FIXES = (
    ('qualifier = "several"\n', 'qualifier = "several"\nstated = "数百家"\n'),
    ("growth = 5\n", 'growth = 5\ngrowth_basis = "quantity"\n'),
    ('name = "2025年合作企业"', 'name = "合作企业（年份推定为2025年）"'),
    ('outside = [{ field = "aliases", note = "the company\'s own brand" }]',
     'outside = [{ field = "aliases", values = ["ACME"], note = "the company\'s own brand" },\n'
     '  { field = "name_en", note = "the company\'s own English name" }]'),
    ('qualifier = "class" }]', 'qualifier = "class", stated = "五百亿级" }]'),
    ('summary = "2024年5月推出了新品。"', 'summary = "5月推出了新品。"'),
    ('name_en = "John Zhang"', 'name_en = "Zhang San"'),
    ('name_en = "Hu Town"', 'name_en = "Shanghai Road Town"'),
    ('name_en = "Jiangcheng"\nname_en_origin = "translation"',
     'name_en = "Jiangcheng"\nname_en_origin = "transliteration"'),
    ('scale_qualifier = "class"\n', 'scale_qualifier = "class"\nscale_stated = "千亿级"\n'),
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_region_breaking_every_rule_is_told_each_problem_where_it_is(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    assert [str(problem) for problem in validate_dataset([path])] == [
        f"{path}:9: partners: stated: a worded value needs stated: qualifier 'several' is read from words; "
        "write the article's words for it in stated",
        f"{path}:9: partners: growth_basis: a growth needs growth_basis: say current-prices or comparable-prices "
        "or quantity, as a prior-year value follows from it only at current prices or for a quantity",
        f"{path}:11: partners: name: an inferred year stated as fact: 2025 is flagged inferred in this entry or "
        "one it names; say so in the text, or leave it out",
        f"{path}:27: acme: name_en_origin: an organisation's own English name is from outside the articles: add "
        "an outside item for name_en saying where it comes from",
        f"{path}:30: acme: outside: an outside item on a list field needs values: which of its aliases are meant?",
        f"{path}:31: acme: key_figures: a worded value needs stated: key figure '规模级别': qualifier 'class' is "
        "read from words; write the article's words for it in stated",
        f"{path}:33: acme: summary: an inferred year stated as fact: 2024 is flagged inferred in this entry or one "
        "it names; say so in the text, or leave it out",
        f"{path}:50: zhang-san: name_en: a transliteration is the name's pinyin, and this is not",
        f"{path}:61: hu-town: name_en: a one-syllable word in a translated name: 'Hu' spells one character of the "
        "name, as an abbreviation's character would be; write what it stands for",
        f"{path}:72: river-city: name_en_origin: name_en is the name's pinyin: its origin is transliteration, "
        "not translation",
        f"{path}:78: big-industry: scale_stated: a worded scale needs scale_stated: scale_qualifier 'class' is read "
        "from words; write the article's words for it in scale_stated",
    ]


def test_the_region_put_right_has_no_problems(tmp_path: Path) -> None:
    text = BROKEN
    for wrong, right in FIXES:
        assert text.count(wrong) == 1, wrong
        text = text.replace(wrong, right)
    assert [str(problem) for problem in validate_dataset([write(tmp_path, text)])] == []


def test_a_region_breaking_them_still_answers_queries(tmp_path: Path) -> None:
    dataset = load_dataset([write(tmp_path, BROKEN)], use_cache=False)
    assert dataset.get("partners").value == 100  # type: ignore[union-attr]
