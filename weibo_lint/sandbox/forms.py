"""Request parameters: the query string, a urlencoded body or a multipart body."""
from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message
from email.utils import collapse_rfc2231_value
from urllib.parse import parse_qs


@dataclass(frozen=True)
class Upload:
    """One file part of a multipart body."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class Form:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, list[Upload]] = field(default_factory=dict)
    multipart: bool = False

    def get(self, name: str) -> str | None:
        values = self.fields.get(name)
        return values[0] if values else None

    def merge(self, other: Form) -> Form:
        """``other``'s values win: a body parameter overrides the same one in the query."""
        fields = {**self.fields, **other.fields}
        files = {**self.files, **other.files}
        return Form(fields, files, self.multipart or other.multipart)


def parse_query(query: str) -> Form:
    return Form(parse_qs(query, keep_blank_values=True, encoding="utf-8", errors="replace"))


def parse_body(content_type: str | None, body: bytes) -> Form:
    """Parse a POST body; anything but urlencoded or multipart yields no parameters."""
    mime, params = _header_params("content-type", content_type or "")
    if mime == "multipart/form-data" and params.get("boundary"):
        return _parse_multipart(body, params["boundary"].encode("latin-1"))
    if mime in ("application/x-www-form-urlencoded", "") and body:
        return parse_query(body.decode("utf-8", "replace"))
    return Form()


def _header_params(name: str, value: str) -> tuple[str, dict[str, str]]:
    """A header's main value and its parameters (``boundary``, ``name``, ``filename``)."""
    header = Message()
    header[name] = value
    pairs = header.get_params(header=name, failobj=[("", "")])
    params = {key.lower(): collapse_rfc2231_value(val) for key, val in pairs[1:]}
    return pairs[0][0].strip().lower(), params


def _parse_multipart(body: bytes, boundary: bytes) -> Form:
    form = Form(multipart=True)
    # A delimiter is CRLF "--" boundary; prefixing CRLF lets the first one match too.
    chunks = (b"\r\n" + body).split(b"\r\n--" + boundary)
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        head, _, data = chunk.partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, sep, value = line.partition(":")
            if sep:
                headers[key.strip().lower()] = value.strip()
        _, disposition = _header_params("content-disposition", headers.get("content-disposition", ""))
        name = disposition.get("name")
        if name is None:
            continue
        filename = disposition.get("filename")
        if filename is not None or name == "pic":
            upload = Upload(name, filename, headers.get("content-type"), data)
            form.files.setdefault(name, []).append(upload)
        else:
            form.fields.setdefault(name, []).append(data.decode("utf-8", "replace"))
    return form
