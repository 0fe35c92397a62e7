"""The vectorised part of an estimate in DuckDB, for a side-by-side timing (issue 12):
read every column as text, normalise the four identifiers as pricing.md §1 says (LinkedIn
person URL slug, email, full name + company, full name + domain) with lower / trim /
regexp, count distinct values per identifier and count rows with none. It does not join
rows into contacts (no connected components), so it is a lower bound of the work.

    python3 benches/duckdb_equivalent.py LIST.csv
"""
import sys

import duckdb

path = sys.argv[1]
con = duckdb.connect()
con.execute("SET threads TO 2")
q = f"""
WITH t AS (SELECT * FROM read_csv('{path}', all_varchar = true, header = true)),
ids AS (
  SELECT
    regexp_extract(lower(trim("LinkedIn URL")), '^(?:[a-z][a-z0-9+.-]*://)?(?:[^./?#]+\\.)?linkedin\\.com/in/([^/?#]+)', 1) AS li,
    CASE WHEN regexp_matches(lower(trim(coalesce("Email", ''))), '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')
         THEN lower(trim("Email")) END AS em,
    CASE WHEN regexp_matches(lower(trim(coalesce("Work Email", ''))), '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')
         THEN lower(trim("Work Email")) END AS em2,
    nullif(lower(trim(regexp_replace(coalesce("First Name", '') || ' ' || coalesce("Last Name", ''), '\\s+', ' ', 'g'))), '') AS name,
    nullif(lower(trim(regexp_replace(coalesce("Company", ''), '\\s+', ' ', 'g'))), '') AS company,
    nullif(regexp_replace(regexp_extract(lower(trim(coalesce("Website", ''))), '^(?:[a-z][a-z0-9+.-]*://)?([^/?#]*)', 1), '^www\\.', ''), '') AS domain
  FROM t
)
SELECT
  count(DISTINCT nullif(li, '')) AS linkedin,
  count(DISTINCT em) AS email,
  count(DISTINCT em2) AS work_email,
  count(DISTINCT CASE WHEN name IS NOT NULL AND company IS NOT NULL THEN name || '|' || company END) AS name_company,
  count(DISTINCT CASE WHEN name IS NOT NULL AND domain LIKE '%.%' THEN name || '|' || domain END) AS name_domain,
  count(*) FILTER (WHERE coalesce(li, '') = '' AND em IS NULL AND em2 IS NULL
                   AND (name IS NULL OR (company IS NULL AND coalesce(domain, '') NOT LIKE '%.%'))) AS unmatchable
FROM ids
"""
print(con.execute(q).fetchall())
