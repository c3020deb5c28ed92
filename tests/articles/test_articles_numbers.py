"""The number reader: every way an article writes a number, the words that qualify it, and what it must skip."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linping_cli.articles.article import stated_values
from linping_cli.articles.numbers import Number, Reader, split_unit


def read(text: str) -> list[Number]:
    return Reader().read(unicodedata.normalize("NFKC", text))


def only(text: str) -> Number:
    found = [number for number in read(text) if number.kind != "year"]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "magnitude"),
    [
        ("厂里共有810家供应商", "810", "家", None, "810"),
        ("去年产值1175.09亿元", "1175.09", "亿元", None, "117509000000"),
        ("同比增长16.0%", "16.0", "%", None, "16.0"),
        ("全年卖出超10万台", "10", "万台", "more-than", "100000"),
        ("这台机器用了2万多个零件", "2", "万个", "more-than", "20000"),
        ("已种下3400多万棵", "3400", "万棵", "more-than", "34000000"),
        ("镇上集聚了600余家", "600", "家", "more-than", "600"),
        ("他在这一行做了三十载", "30", "载", None, "30"),
        ("成立已有40多年", "40", "年", "more-than", "40"),
        ("目标是突破百亿元", "100", "亿元", "more-than", "10000000000"),
        ("准确率达到接近100%", "100", "%", "nearly", "100"),
        ("每年发电约7亿度", "7", "亿度", "about", "700000000"),
        ("招到工程师50名以上", "50", "名", "at-least", "50"),
        ("效率大于等于40%", "40", "%", "at-least", "40"),
        ("人数不超过30人", "30", "人", "at-most", "30"),
        ("温度超1200摄氏度", "1200", "摄氏度", "more-than", "1200"),
        ("３０％的员工", "30", "%", None, "30"),  # full-width digits and percent sign
        ("百分之十五的份额", "15", "%", None, "15"),
        ("共有1,250家门店", "1250", "家", None, "1250"),
        ("采样率为8Gsps的芯片", "8", "Gsps", None, "8"),
        ("一年多以前", "1", "年", "more-than", "1"),
        ("营收下降3.5%", "-3.5", "%", None, "-3.5"),
        ("要建两个工业园", "2", "个", None, "2"),
    ],
)
def test_a_number_is_read_with_its_unit_and_qualifier(text: str, value: str, unit: str, qualifier: str | None,
                                                     magnitude: str) -> None:
    number = only(text)
    assert (number.value, number.unit, number.qualifier, number.magnitude) == (
        Decimal(value), unit, qualifier, Decimal(magnitude))


def test_written_precision_is_kept() -> None:
    assert str(only("增长16.0%").value) == "16.0"
    assert str(only("增长5%").value) == "5"


def test_a_scale_band_is_a_class_and_keeps_its_more_than() -> None:
    band = only("打造两座超五百亿级园区".replace("两座", ""))
    assert (band.value, band.unit, band.qualifier, band.magnitude) == (Decimal(500), "亿", "class", Decimal(5 * 10**10))
    assert band.accepts("class") and band.accepts("more-than") and not band.accepts(None)
    assert only("一个三千亿级的新城".replace("一个", "")).magnitude == Decimal(3 * 10**11)


@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit"),
    [
        ("招收3至5名学徒", "3", "5", "名"),
        ("增幅在20%-30%之间", "20", "30", "%"),
    ],
)
def test_ranges(text: str, value: str, value_max: str, unit: str) -> None:
    number = only(text)
    assert (number.value, number.value_max, number.unit, number.qualifier) == (
        Decimal(value), Decimal(value_max), unit, "range")


@pytest.mark.parametrize(("text", "value", "unit"), [("与数百家企业合作", "100", "家"),
                                                    ("培训了几十名学徒", "10", "名")])
def test_several_is_the_order_it_names_never_a_count(text: str, value: str, unit: str) -> None:
    number = only(text)
    assert (number.value, number.value_max, number.unit, number.qualifier) == (Decimal(value), None, unit, "several")


def test_doubling_pairs_and_ordinals() -> None:
    assert (only("力争两年翻番".replace("两年", "")).value, only("力争翻番").unit) == (Decimal(2), "倍")
    assert only("计划翻两番").value == Decimal(4)
    pair = [n for n in read("形成双百亿级集群") if n.value == 2]
    assert len(pair) == 1 and pair[0].unit == ""
    assert [(n.value, n.kind) for n in read("第25届展会")] == [(Decimal(25), "ordinal")]
    assert [(n.value, n.kind) for n in read("排名第一")] == [(Decimal(1), "ordinal")]


def test_years_are_read_as_years() -> None:
    assert [(n.value, n.kind) for n in read("2023年起步")] == [(Decimal(2023), "year")]
    assert [(n.value, n.kind) for n in read("二〇二二年建成")] == [(Decimal(2022), "year")]
    assert [n.kind for n in read("2023年卖出2023台")] == ["year", "amount"]


@pytest.mark.parametrize(
    "text",
    ["G20峰会", "型号XK75S发布", "V2.0版本上线", "“3+2+X”体系", "型号AB12-C", "“十三五”期间", "一方面要稳",
     "一流的服务", "一粒粒种子", "其中之一", "进一步扩大", "新一代芯片", "零部件厂", "百姓生活", "万物互联"],
)
def test_codes_names_and_words_are_not_numbers(text: str) -> None:
    assert [n for n in read(text) if n.kind != "year"] == []


def test_split_unit_separates_the_scale() -> None:
    assert split_unit("万吨") == (10**4, "吨")
    assert split_unit("亿元") == (10**8, "元")
    assert split_unit("分钟/台") == (1, "分钟")
    assert split_unit("家") == (1, "家")


# What the provenance test's reader read, before it moved into the package.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深耕三十载", {30}),
        ("机器有2万多个部件", {2, 20000}),
        ("年产超10万台", {10, 100000}),
        ("一年发电量约4亿度", {1, 4, 4 * 10**8}),  # 一年 is one year
        ("突破百亿元", {100, 10**10}),
        ("三个千亿级集群", {3, 1000, 10**11}),
        ("三千亿级未来智造城", {3000, 3 * 10**11}),
        ("双五百亿级产业", {2, 500, 5 * 10**10}),
        ("目标是三年翻番", {2, 3}),
        ("已与国内数百家企业", {100}),
        ("一年多的时光过去", {1}),
        ("增长16.0%", {Decimal("16.0")}),
        ("2024年产值 1175.09亿元", {2024, Decimal("1175.09"), Decimal("117509000000")}),
        ("植树2700多万棵", {2700, 27 * 10**6}),
        ("十年投入超10亿元", {10, 10**9}),
    ],
)
def test_stated_values_reads_what_the_text_says(text: str, expected: set[Any]) -> None:
    assert stated_values(text) == {Decimal(value) for value in expected}


def test_stated_values_gives_each_number_as_written_and_in_plain_units() -> None:
    assert stated_values("零件有2万多个") == {Decimal(2), Decimal(20000)}
    assert stated_values("数百家") == {Decimal(100)}
    assert stated_values("三个千亿级集群") == {Decimal(3), Decimal(1000), Decimal(10**11)}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.,%万亿多余超约近以上第数十百千一二两三四五六七八九零〇双翻番级年家个"
                                          "元台-至~ \n，。ABx+版"), max_size=80))
def test_the_reader_never_crashes_on_number_like_text(text: str) -> None:
    for number in read(text):
        assert 0 <= number.written_from <= number.start < number.end <= len(unicodedata.normalize("NFKC", text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_the_reader_never_crashes_on_any_text(text: str) -> None:
    read(text)


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["家", "个", "名", "件", "条", "台"]))
def test_any_whole_number_with_a_measure_word_is_read_back(value: int, unit: str) -> None:
    number = only(f"共有{value}{unit}，")
    assert (number.value, number.unit) == (Decimal(value), unit)


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=99))
def test_any_decimal_keeps_its_digits(whole: int, cents: int) -> None:
    written = f"{whole}.{cents:02d}"
    assert str(only(f"产值{written}亿元。").value) == written


def test_a_long_run_is_read_in_time() -> None:
    text = "亿" * 100_000 + "9" * 100_000 + "万" * 50_000 + "一二三" * 30_000
    assert [n for n in read(text) if n.kind != "year"] == []
