"""Coded errors. Library code raises these; batch code turns them into
``Rejected`` records so that one bad article never stops a run.

Codes are stable and documented: ``E1xx`` input, ``E2xx`` pipeline,
``E3xx`` store, ``E4xx`` evaluation, ``E5xx`` batch, ``E6xx`` service/API;
``E7xx`` settings (an unknown name or a bad value).
"""

from __future__ import annotations

__all__ = ["QuotegraphError", "InputError", "PipelineError", "StoreError", "EvaluationError", "BatchError", "MissingExtraError", "QueryError", "ERRORS",
           "WARNINGS", "HTTP_STATUS", "http_status", "import_optional"]

ERRORS: dict[str, str] = {
    "E700": "unknown setting '{name}' (from {origin}; known: {known})",
    "E701": "setting '{name}' (from {origin}): '{value}' is not a valid {kind}",
    "E100": "{origin}: file not found",
    "E101": "{origin}: file is empty",
    "E102": "{origin}: looks like binary data, not text ({detail})",
    "E103": "{origin}: could not decode text ({detail})",
    "E104": "{origin}: input is too large ({size}; limit {limit})",
    "E105": "{origin}: invalid JSON ({detail})",
    "E106": "{origin}: record is missing required field '{field}'",
    "E107": "{origin}: field '{field}' has the wrong type ({detail})",
    "E108": "{origin}: invalid date '{value}' ({detail}; expected a calendar date such as 2021-08-16 or 16 August 2021)",
    "E109": "{origin}: HTML has no extractable main text",
    "E110": "{origin}: unsupported input ({detail})",
    "E111": "{origin}: document text is empty after decoding",
    "E112": "{origin}: duplicate id '{id}' (first seen at {first})",
    "E113": "{origin}: HTML looks truncated ({detail})",
    "E114": "{origin}: cannot read ({detail})",
    "E115": "{origin}: text contains an unpaired surrogate at {offset} (not valid Unicode)",
    "E116": "{origin}: HTML could not be parsed ({detail})",
    "E200": "[{id}] pipeline stage '{stage}' {problem}",
    "E201": "[{id}] extraction exceeded its time budget of {budget} s",
    "E202": "[{id}] extraction failed in stage '{stage}': {detail}",
    "E203": "unknown pipeline stage '{name}' (known: {known})",
    "E204": "cannot use spaCy model '{model}': {detail}",
    "E205": "[{id}] the quotegraph spaCy component could not extract this doc: {detail}",
    "E300": "{path}: database error ({detail})",
    "E301": "{path}: database schema version {found} is newer than this quotegraph ({expected})",
    "E302": "{path}: no quotegraph database here (run `quotegraph ingest` first)",
    "E303": "{path}: database schema version {found} is older than this quotegraph ({expected}); run `quotegraph ingest` to upgrade it",
    "E304": "{origin}: invalid alias file ({detail})",
    "E305": "{path}: not a quotegraph database ({detail}); nothing was changed, give a new file name",
    "E400": "{origin}: not a gold document ({detail})",
    "E401": "evaluation gate failed: {detail}",
    "E402": "corpus fingerprint mismatch for {path}: expected {expected}, found {found}",
    "E403": "{origin}: prediction for '{id}' has a different text from the gold document; its offsets cannot be scored",
    "E404": "refusing to lower evaluation floors ({detail}); pass --allow-lower together with --reason TEXT",
    "E405": "{path}: invalid baseline file ({detail})",
    "E406": "benchmark measurement '{name}' failed: {detail}",
    "E500": "batch partition {partition} failed: {detail}",
    "E501": "[{id}] {origin}: a worker process died while extracting this article ({detail}); it was skipped",
    "E502": "could not load the extraction pipeline in a worker process: {detail}",
    "E503": "{path}: output directory holds a different batch (inputs fingerprint {found}, this run {expected}); use a new --out directory",
    "E504": "{path}: not a batch output directory ({detail})",
    "E505": "cannot use Dask scheduler {address}: {detail}",
    "E506": "{origin}: batch input cannot be read twice ({detail}); batch needs files so that a rerun can resume",
    "E507": "[{id}] {origin}: unexpected error while extracting ({detail})",
    "E508": "worker processes cannot start: {detail}; run the script from a file, or use one process",
    "E509": "{feature} needs the optional package '{package}', which is not installed; install it with: pip install 'quotegraph[{extra}]'",
    "E600": "invalid search query: {detail}",
    "E601": "invalid parameter '{name}': {detail}",
    "E602": "{what} not found: {key}",
    "E603": "request too large ({detail})",
    "E604": "method {method} not allowed on {path}",
    "E605": "internal error ({detail})",
    "E606": "query stopped after {limit} s: too costly; use fewer or rarer words, or add a speaker or date filter",
    "E607": "request stopped ({detail})",
    "E608": "server busy: {detail}; retry in a moment",
    "E609": "host '{host}' is not served here (allowed: {allowed})",
}

# Warnings: the document keeps going, with a note of what was done. ``W1xx``
# are added by the readers, ``W2xx`` by the extractor (W203 is logged only:
# the documents come out the same).
WARNINGS: dict[str, str] = {
    "W101": "a byte-order mark was removed from the start of the file",
    "W102": "the file was not UTF-8; it was decoded with the encoding named",
    "W103": "CRLF or CR line ends were changed to LF",
    "W104": "mostly UTF-8 with stray bytes; those bytes were decoded as cp1252",
    "W105": "the dated-text header was not at the very start of the file",
    "W106": "the id taken from the file name was already used; another was chosen",
    "W107": "the HTML metadata date could not be read and was ignored",
    "W108": "the dated-text header's date differs from the date given; the given date is used",
    "W109": "the publication date could not be read; the article is kept without a date",
    "W200": "a quotation is opened and never closed; it is taken to run to the end of its paragraph",
    "W201": "unpaired quotation marks were ignored",
    "W202": "an over-long sentence was cut into pieces for parsing",
    "W203": "batched stage '{stage}' failed on {n} documents ({detail}); running them one at a time",
}

# The HTTP status the server answers a coded error with; any other code is a bad request.
HTTP_STATUS: dict[str, int] = {
    "E300": 500, "E301": 500, "E302": 503, "E303": 503,
    "E700": 400, "E701": 400,
    "E600": 400, "E601": 400, "E602": 404, "E603": 413, "E604": 405, "E605": 500,
    "E606": 422, "E607": 400, "E608": 429, "E609": 400,
}


def http_status(code: str) -> int:
    """The HTTP status for a coded error (400 unless ``HTTP_STATUS`` says otherwise)."""
    return HTTP_STATUS.get(code, 400)


class QuotegraphError(Exception):
    """Base error: ``code`` is one of ``ERRORS``; the message is formatted from it."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = ERRORS.get(code, "{detail}")
        try:
            message = template.format(**fields)
        except (KeyError, IndexError):
            message = f"{template} {fields}"
        self.message = message
        super().__init__(f"[{code}] {message}")

    @property
    def status(self) -> int:
        """The HTTP status this error is answered with."""
        return http_status(self.code)


class InputError(QuotegraphError):
    """An input file or record cannot be read as an article."""


class PipelineError(QuotegraphError):
    """The extraction pipeline failed or was built wrongly."""


class StoreError(QuotegraphError):
    """The SQLite store failed."""


class EvaluationError(QuotegraphError):
    """Gold data or the evaluation gate failed."""


class BatchError(QuotegraphError):
    """A batch partition failed."""


class MissingExtraError(BatchError, ImportError):
    """An optional dependency (an extra such as ``quotegraph[batch]``) is not installed.

    Also an ``ImportError``, so code that probes for the package keeps working.
    """


def import_optional(module: str, *, extra: str, feature: str):
    """Import ``module``; E509 naming the extra that provides it when it is missing."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        if not _missing(exc, module):
            raise  # installed, but broken: that is not a missing extra
        raise MissingExtraError("E509", feature=feature, package=module.split(".")[0], extra=extra) from exc


def _missing(exc: ImportError, module: str) -> bool:
    top = module.split(".")[0]
    name = getattr(exc, "name", None)
    return name is None or name == top or name.startswith(top + ".")


class QueryError(QuotegraphError):
    """A search or API query is malformed."""
