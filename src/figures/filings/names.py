"""Concepts named by their namespace, not by the prefix a document happens to bind: `ifrs:Revenue` in a report that
binds `ifrs` to the IFRS Foundation's ifrs-full namespace is `ifrs-full:Revenue`, and `us-gaap:Revenues` bound to a
company's own namespace is no US GAAP concept.

The standard taxonomies' namespaces change with each yearly release (`https://xbrl.ifrs.org/taxonomy/2023-03-23/
ifrs-full`, `http://fasb.org/us-gaap/2023`); any release is the same standard, named by its usual prefix.
"""

from __future__ import annotations

import re

STANDARD_NAMESPACES = (
    (re.compile(r"https?://xbrl\.ifrs\.org/taxonomy/\d{4}-\d{2}-\d{2}/ifrs-full"), "ifrs-full"),
    (re.compile(r"http://fasb\.org/us-gaap/\d{4}(-\d{2}-\d{2})?"), "us-gaap"),
    (re.compile(r"http://xbrl\.sec\.gov/dei/\d{4}(-\d{2}-\d{2})?"), "dei"),
)
"""The standard taxonomies' namespaces, any year's release, and the prefix a concept of theirs is named with."""

ISO_4217_NAMESPACE = "http://www.xbrl.org/2003/iso4217"


def standard_prefix(namespace: str | None) -> str | None:
    """The usual prefix of a standard taxonomy's namespace (any release), None for any other namespace.

    >>> standard_prefix("https://xbrl.ifrs.org/taxonomy/2023-03-23/ifrs-full")
    'ifrs-full'
    >>> standard_prefix("http://fasb.org/us-gaap/2023"), standard_prefix("http://www.sap.com/sap/2022")
    ('us-gaap', None)
    """
    for pattern, prefix in STANDARD_NAMESPACES:
        if namespace is not None and pattern.fullmatch(namespace.strip()):
            return prefix
    return None


def concept_name(prefix: str, local: str, namespace: str | None) -> str:
    """A concept's name for matching and output: the standard prefix when its namespace is a standard taxonomy's,
    else the document's own prefix, unless that prefix is a standard one bound elsewhere (or not bound at all): then
    the namespace is said with it, so that it never passes for the standard concept.

    >>> concept_name("ifrs", "Revenue", "https://xbrl.ifrs.org/taxonomy/2022-03-24/ifrs-full")
    'ifrs-full:Revenue'
    >>> concept_name("sap", "RevenueFromCloudAndSoftware", "http://www.sap.com/sap/2022")
    'sap:RevenueFromCloudAndSoftware'
    >>> concept_name("us-gaap", "Revenues", "http://example.com/gaap")
    'us-gaap:Revenues (namespace http://example.com/gaap)'
    >>> concept_name("ifrs-full", "Revenue", None)
    'ifrs-full:Revenue (namespace not declared)'
    """
    standard = standard_prefix(namespace)
    if standard is not None:
        return f"{standard}:{local}"
    name = f"{prefix}:{local}" if prefix else local
    if prefix in {p for _, p in STANDARD_NAMESPACES}:
        return f"{name} (namespace {namespace or 'not declared'})"
    return name


def in_scope(tag, prefix: str) -> str | None:
    """The namespace `prefix` is bound to where a BeautifulSoup (lxml-xml) `tag` stands: its own declaration or its
    nearest ancestor's; the default namespace for an empty prefix.

    >>> from bs4 import BeautifulSoup
    >>> soup = BeautifulSoup('<a xmlns:x="urn:one"><b xmlns:x="urn:two"><c/></b><d/></a>', "xml")
    >>> in_scope(soup.find("c"), "x"), in_scope(soup.find("d"), "x"), in_scope(soup.find("d"), "y")
    ('urn:two', 'urn:one', None)
    """
    attribute = f"xmlns:{prefix}" if prefix else "xmlns"
    node = tag
    while node is not None and getattr(node, "attrs", None) is not None:
        if attribute in node.attrs:
            return str(node.attrs[attribute]).strip()
        node = node.parent
    return None


def qname(tag, text: str) -> tuple[str, str, str | None]:
    """A QName written in a document (an attribute's value: `ifrs:Revenue`), split into its prefix and local name,
    with the namespace its prefix is bound to at `tag`.

    >>> from bs4 import BeautifulSoup
    >>> soup = BeautifulSoup('<a xmlns:ifrs="https://xbrl.ifrs.org/taxonomy/2022-03-24/ifrs-full"><f/></a>', "xml")
    >>> qname(soup.find("f"), " ifrs:Revenue ")
    ('ifrs', 'Revenue', 'https://xbrl.ifrs.org/taxonomy/2022-03-24/ifrs-full')
    """
    prefix, _, local = text.strip().rpartition(":")
    return prefix, local, in_scope(tag, prefix)
