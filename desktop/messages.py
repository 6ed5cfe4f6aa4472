"""The one place the sentences built in `models/` and `importers/` are translated.

Those packages stay Qt-free and hand over an `importers.messages.Message`: a code, its
parameters and the English template. Here each code has its translatable template under the
fixed context "Messages" (lupdate sees every literal); parameters are filled after
translation, nested messages (an error's cause) translated the same way and source names
shown as the user knows them. A code this table does not know, or a translation that lost a
placeholder, shows the message's English text: nothing the user should read is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from importers.messages import Message, Param


def _templates() -> dict[str, str]:
    """Code → translated template (asked anew each time: the language can change in tests)."""
    return {
        # progress lines
        "progress.downloading": QCoreApplication.translate("Messages", "Downloading {url}"),
        "progress.fastai_navigation": QCoreApplication.translate(
            "Messages", "Reading the course navigation"
        ),
        "progress.fastai_lesson": QCoreApplication.translate("Messages", "Reading lesson {lesson}"),
        "progress.fastai_book": QCoreApplication.translate("Messages", "Reading the book page"),
        "progress.fastai_chapter": QCoreApplication.translate(
            "Messages", "Reading the Chapter {number} questionnaire"
        ),
        "progress.fastai_notebook": QCoreApplication.translate(
            "Messages", "Reading the {notebook} questionnaire"
        ),
        # a fetch that failed, and why
        "fetch.failed_from": QCoreApplication.translate(
            "Messages", "Could not fetch {source} from {location}: {cause}."
        ),
        "fetch.failed": QCoreApplication.translate(
            "Messages", "Could not fetch {source}: {cause}."
        ),
        "fetch.cancelled": QCoreApplication.translate("Messages", "cancelled by the user"),
        "fetch.unknown_encoding": QCoreApplication.translate(
            "Messages", "it declares an unknown text encoding {encoding}"
        ),
        "fetch.undecodable": QCoreApplication.translate(
            "Messages",
            "its bytes are not valid {encoding} text (undecodable byte at offset {offset})",
        ),
        "fetch.dns": QCoreApplication.translate(
            "Messages", "the host name {host} could not be resolved (DNS lookup failed)"
        ),
        "fetch.too_many_redirects": QCoreApplication.translate(
            "Messages", "it redirected too many times"
        ),
        "fetch.tls": QCoreApplication.translate(
            "Messages", "the secure connection failed (TLS certificate could not be verified)"
        ),
        "fetch.refused": QCoreApplication.translate(
            "Messages", "the connection to {host} was refused"
        ),
        "fetch.connect_timeout": QCoreApplication.translate(
            "Messages", "the connection timed out after {seconds} s"
        ),
        "fetch.read_timeout": QCoreApplication.translate(
            "Messages", "the server did not answer within {seconds} s (timed out)"
        ),
        "fetch.network": QCoreApplication.translate(
            "Messages", "a network error occurred ({error})"
        ),
        "fetch.content_type": QCoreApplication.translate(
            "Messages", "it returned {media_type} content, expected {expected}"
        ),
        "fetch.deadline": QCoreApplication.translate(
            "Messages",
            "it took longer than the {seconds} s allowed for one download "
            "(the server is sending too slowly)",
        ),
        "fetch.private": QCoreApplication.translate(
            "Messages",
            "it leads to {target}, a private, loopback or link-local address, "
            "which is fetched only when you name it yourself",
        ),
        "fetch.folder": QCoreApplication.translate("Messages", "it is a folder, not a file"),
        "fetch.no_file": QCoreApplication.translate("Messages", "the file does not exist"),
        "fetch.not_regular": QCoreApplication.translate(
            "Messages", "it is {what}, not a regular file"
        ),
        "fetch.unreadable": QCoreApplication.translate(
            "Messages", "the file could not be read ({error})"
        ),
        "fetch.file_too_large": QCoreApplication.translate(
            "Messages", "the file is larger than the {limit} limit"
        ),
        "fetch.scheme": QCoreApplication.translate(
            "Messages", "only http:// and https:// URLs can be fetched"
        ),
        "fetch.bad_url": QCoreApplication.translate("Messages", "the URL is not valid"),
        "fetch.redirect_scheme": QCoreApplication.translate(
            "Messages", "it redirected to {target}, which is not an http:// or https:// address"
        ),
        "fetch.redirect_off_site": QCoreApplication.translate(
            "Messages", "it redirected to {target}, which is not on the site {site}"
        ),
        "fetch.redirect_nowhere": QCoreApplication.translate(
            "Messages", "the server answered HTTP {status}{reason} without saying where to"
        ),
        "fetch.http": QCoreApplication.translate(
            "Messages", "the server answered HTTP {status}{reason}"
        ),
        "fetch.declared_too_large": QCoreApplication.translate(
            "Messages", "it is {size}, over the {limit} limit"
        ),
        "fetch.too_large": QCoreApplication.translate(
            "Messages", "it is larger than the {limit} limit"
        ),
        # the fast.ai importer's own checks
        "fastai.no_notebooks_folder": QCoreApplication.translate(
            "Messages", "the notebooks folder does not exist"
        ),
        "fastai.no_navigation": QCoreApplication.translate(
            "Messages", "the page has no course navigation with lessons"
        ),
        "fastai.link_off_site": QCoreApplication.translate(
            "Messages", "the lesson link {href} leaves the site"
        ),
        "fastai.link_outside": QCoreApplication.translate(
            "Messages", "the lesson link {href} points outside the saved site"
        ),
        # a source that held nothing to import (models/services/importing.py)
        "import.no_paper_tables": QCoreApplication.translate(
            "Messages",
            "{location} has no paper-reading tables (expected the 录制完成的论文 / 所有论文 "
            "sections); nothing was imported.",
        ),
        "import.no_lessons": QCoreApplication.translate(
            "Messages",
            "{location} lists no lessons in its course navigation (is it the fast.ai course "
            "site?); nothing was imported.",
        ),
        "import.no_notes": QCoreApplication.translate(
            "Messages", "{location} has no notes in it; nothing was imported."
        ),
        "import.nothing": QCoreApplication.translate(
            "Messages", "{location} has nothing to import."
        ),
        "import.empty_notes": QCoreApplication.translate(
            "Messages", "The notes file {location} is empty; nothing was imported."
        ),
    }


def source_name(source: str) -> str:
    """An import source as the user knows it ("notes" → 笔记); other names (a JSON file's
    name) as they are."""
    names = {
        "paper-reading": QCoreApplication.translate("Messages", "paper-reading"),
        "fastai": QCoreApplication.translate("Messages", "fastai"),
        "notes": QCoreApplication.translate("Messages", "notes"),
    }
    return names.get(source, source)


def text(line: Message | str) -> str:
    """The message in the UI's language; its English when the code is unknown here."""
    if not isinstance(line, Message):
        return line
    template = _templates().get(line.code)
    if template is None:
        return str(line)
    params = {key: _param(key, value) for key, value in line.params.items()}
    try:
        return template.format_map(params)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return str(line)


def error_text(err: BaseException) -> str:
    """The sentence an error carries for the user, translated when it carries a Message."""
    found = getattr(err, "user_message", None)
    return text(found) if isinstance(found, Message) else str(err)


def _param(key: str, value: Param) -> str:
    if isinstance(value, Message):
        return text(value)
    if isinstance(value, tuple):  # alternatives: "text/html or text/plain"
        return QCoreApplication.translate("Messages", " or ").join(str(v) for v in value)
    if key == "source" and isinstance(value, str):
        return source_name(value)
    return str(value)
