"""Finer rules of the notes importer, each on a small file written for it: question tables
whose rows link to problem pages, lists introduced as questions beside advice lists, lists
of steps, data tables, badges, company tables, and headings that repeat."""

from __future__ import annotations

from importers import study_notes

PROBLEM_TABLE = """## Week 1 - Arrays

Warm up with arrays and strings; they are the most common questions.

| Question | Difficulty | LeetCode |
| :-- | --- | --- |
| Two Sum | Easy | [Link](https://leetcode.com/problems/two-sum/) |
| Valid Anagram | Easy | [Link](https://leetcode.com/problems/valid-anagram/) |

#### Optional

| Question | Difficulty | LeetCode |
| :-- | --- | --- |
| Same Tree | Easy | [Link](https://leetcode.com/problems/same-tree/) |

## Week 2 - Trees

#### Optional

| Question | Difficulty | LeetCode |
| :-- | --- | --- |
| Clone Graph | Medium | [Link](https://leetcode.com/problems/clone-graph/) |

## Interview questions

- [How I passed my interviews](https://blog.example.org/passed)
- [Ten questions they always ask](https://blog.example.org/ten)
"""


def test_rows_of_a_question_table_are_questions_with_their_problem_link() -> None:
    doc = study_notes.parse(PROBLEM_TABLE)
    questions = doc.result.questions
    assert [q.text for q in questions] == ["Two Sum", "Valid Anagram", "Same Tree", "Clone Graph"]
    assert questions[0].detail is not None
    assert "https://leetcode.com/problems/two-sum/" in questions[0].detail
    assert "Difficulty: Easy" in questions[0].detail


def test_a_list_of_article_links_under_a_questions_heading_stays_resources() -> None:
    doc = study_notes.parse(PROBLEM_TABLE)
    urls = {i.url for i in doc.result.items}
    assert {"https://blog.example.org/passed", "https://blog.example.org/ten"} <= urls
    assert not any("passed" in q.text for q in doc.result.questions)


def test_a_repeated_heading_files_its_questions_under_its_path() -> None:
    categories = [q.category for q in study_notes.parse(PROBLEM_TABLE).result.questions]
    assert categories == [
        "Week 1 - Arrays",
        "Week 1 - Arrays",
        "Week 1 - Arrays / Optional",
        "Week 2 - Trees / Optional",
    ]


INTRODUCED = """## Token 与上下文

建议掌握这些关键点：

- Token 不是字符。不同语言的切分方式不同，为什么要关心它？
- 上下文窗口不是无限记忆，窗口越大成本越高。

高频面试题：

- Token 是什么？
- 上下文窗口越大，效果一定越好吗？

## 答题框架

大模型基础题可以套用一个简单框架：

1. 先解释概念：用一句话说清楚它是什么。
2. 再说明影响：它会影响质量、成本还是延迟。
3. 接着给工程做法：生产里如何配置和观测。
4. 最后补充边界：在哪些场景下会失效。

## 面试官想考什么

| 考察方向 | 面试官想确认什么 |
| --- | --- |
| Token | 你是否理解成本和延迟 |
| 采样参数 | 你是否知道如何取舍 |

## 常见扣分点

- 只背定义，不讲工程影响。
- 忽略限流和重试。
"""


def test_only_the_list_introduced_as_questions_gives_questions() -> None:
    doc = study_notes.parse(INTRODUCED)
    assert [q.text for q in doc.result.questions] == [
        "Token 是什么？",
        "上下文窗口越大，效果一定越好吗？",
    ]
    notes = "\n".join(n.markdown for n in doc.result.notes)
    assert "上下文窗口不是无限记忆" in notes  # the advice list is kept, as a note
    guesses = {s.heading: s.guess for s in doc.sections}
    assert guesses["Token 与上下文"] == "questions"
    assert guesses["常见扣分点"] == "notes"  # a plain list beside it is not questions


def test_a_list_of_steps_and_a_data_table_are_not_questions() -> None:
    doc = study_notes.parse(INTRODUCED)
    guesses = {s.heading: s.guess for s in doc.sections}
    assert guesses["答题框架"] == "notes"
    assert guesses["面试官想考什么"] == "notes"
    mapped = study_notes.apply_mapping(doc, {s.index: "questions" for s in doc.sections})
    reasons = " ".join(s.reason for s in mapped.skipped)
    assert "a list of steps" in reasons
    assert not any("你是否" in q.text for q in mapped.questions)


BADGES = """# Awesome-Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

- [A tool](https://tool.example.org) [![Stars](https://img.shields.io/x.svg)](https://github.com/x/y)
"""


def test_badges_in_a_heading_or_a_line_are_left_out_and_reported() -> None:
    doc = study_notes.parse(BADGES)
    assert doc.sections[0].heading == "Awesome-Things"
    urls = {i.url for i in doc.result.items}
    assert urls == {"https://tool.example.org"}
    reasons = " ".join(s.reason for s in doc.result.skipped)
    assert "badge(s) in the heading" in reasons
    assert "1 badge(s) or image(s) were left out" in reasons


COMPANY_TABLE = """# Remote-friendly places

## Companies

Name | Website | Region
---- | ------- | ------
[Transition Tech - Advanced Solutions](/profiles/tt.md) | http://www.tt.example/ | Poland
[charity: water](/profiles/cw.md) | https://www.charity.example/ | USA
[Locus](/profiles/locus.md) | [https://locus.example](https://locus.example/careers) | Worldwide
[Traction](/profiles/traction.md) \ufe0f | https://traction.example/ | USA
"""


def test_a_table_of_named_links_under_companies_gives_companies() -> None:
    doc = study_notes.parse(COMPANY_TABLE)
    companies = {c.name: c for c in doc.result.companies}
    assert sorted(companies) == [
        "Locus",
        "Traction",
        "Transition Tech - Advanced Solutions",
        "charity: water",
    ]
    assert companies["Locus"].url == "https://locus.example/careers"
    assert companies["charity: water"].url == "https://www.charity.example/"
    assert companies["Transition Tech - Advanced Solutions"].note is not None
    assert "Region: Poland" in companies["Transition Tech - Advanced Solutions"].note
    assert doc.result.items == ()
