"""The vectorised part of an estimate in python-polars, for a side-by-side timing (issue
12): the same query as benches/duckdb_equivalent.py — read every column as text, normalise
the four identifiers as pricing.md §1 says (LinkedIn person URL slug, email, full name +
company, full name + domain) with lower / trim / regexp, count distinct values per
identifier and count rows with none — lazily, on polars' streaming engine, two threads. It
does not join rows into contacts (no connected components), so it is a lower bound of the
work.

    python3 benches/polars_equivalent.py LIST.csv
"""
import os
import sys

os.environ.setdefault("POLARS_MAX_THREADS", "2")
import polars as pl  # noqa: E402  (after the thread count)

path = sys.argv[1]
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def low(c):
    return pl.col(c).fill_null("").str.strip_chars().str.to_lowercase()


def squeezed(e):
    return pl.when(e != "").then(e)


def spaced(e):
    return e.str.replace_all(r"\s+", " ").str.strip_chars().str.to_lowercase()


t = pl.scan_csv(path, infer_schema=False)
ids = t.select(
    li=low("LinkedIn URL").str.extract(
        r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^./?#]+\.)?linkedin\.com/in/([^/?#]+)", 1
    ),
    em=pl.when(low("Email").str.contains(EMAIL)).then(low("Email")),
    em2=pl.when(low("Work Email").str.contains(EMAIL)).then(low("Work Email")),
    name=squeezed(
        spaced(pl.col("First Name").fill_null("") + " " + pl.col("Last Name").fill_null(""))
    ),
    company=squeezed(spaced(pl.col("Company").fill_null(""))),
    domain=squeezed(
        low("Website")
        .str.extract(r"^(?:[a-z][a-z0-9+.-]*://)?([^/?#]*)", 1)
        .str.replace(r"^www\.", "")
    ),
)
has_domain = pl.col("domain").str.contains(".", literal=True).fill_null(False)
li = squeezed(pl.col("li"))
out = ids.select(
    linkedin=li.drop_nulls().n_unique(),
    email=pl.col("em").drop_nulls().n_unique(),
    work_email=pl.col("em2").drop_nulls().n_unique(),
    name_company=(pl.col("name") + "|" + pl.col("company")).drop_nulls().n_unique(),
    name_domain=pl.when(has_domain)
    .then(pl.col("name") + "|" + pl.col("domain"))
    .drop_nulls()
    .n_unique(),
    unmatchable=(
        li.is_null()
        & pl.col("em").is_null()
        & pl.col("em2").is_null()
        & (pl.col("name").is_null() | (pl.col("company").is_null() & ~has_domain))
    ).sum(),
).collect(engine="streaming")
print(out.row(0))
