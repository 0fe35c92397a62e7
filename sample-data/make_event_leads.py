#!/usr/bin/env python3
"""Make sample-data/event-leads.csv: the badge scans of a trade-show booth.

Deterministic (no randomness): every 10th person of contacts.csv visited the booth and is
written the way a badge scanner exports them (other headers, a full name, emails in upper
case, LinkedIn URLs with a trailing slash, bare domains), followed by invented walk-ins who
are in no other list. The Workspace sample spec (workspace-plan.toml) plans on both files,
so the shared visitors are charged for reveals once.

Run from the repository root:  python3 sample-data/make_event_leads.py
"""
import csv

SRC = "sample-data/contacts.csv"
OUT = "sample-data/event-leads.csv"

FIRST = ["Aiko", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Gustav", "Hana", "Ines", "Jonas",
         "Kwame", "Lucía", "Mateus", "Nadia", "Oskar", "Priya", "Quentin", "Rania", "Sven", "Tamar"]
LAST = ["Andersen", "Baptiste", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Horvat",
        "Ivanova", "Jensen", "Kovač", "Lindqvist", "Moreau", "Novak", "Okafor", "Pereira"]
COMPANIES = [("Northwind Analytics", "northwind-analytics.example"),
             ("Bluefjord Logistics", "bluefjord.example"),
             ("Kestrel Robotics", "kestrel-robotics.example"),
             ("Saltmarsh Foods", "saltmarsh.example"),
             ("Orchid Payments", "orchidpay.example")]


def main():
    with open(SRC, newline="", encoding="utf-8") as f:
        people = list(csv.DictReader(f))
    rows = []
    for i, p in enumerate(people):
        if i % 10 != 0:
            continue
        email = (p["Work Email"] or p["Email"]).upper()
        li = p["LinkedIn URL"]
        if "/in/" in li:
            li = "https://www.linkedin.com/in/" + li.split("/in/")[1].strip("/") + "/"
        site = p["Website"].lower().replace("https://", "").replace("http://", "")
        site = site.replace("www.", "").rstrip("/")
        rows.append([f'{p["First Name"]} {p["Last Name"]}'.strip(), p["Company"], site, email,
                     p["Job Title"], li, "Booth scan"])
    for k in range(150):
        first, last = FIRST[k % len(FIRST)], LAST[(k // len(FIRST)) % len(LAST)]
        company, domain = COMPANIES[k % len(COMPANIES)]
        email = "" if k % 9 == 4 else f"{first.lower()}.{last.lower()}{k}@{domain}"
        rows.append([f"{first} {last}", company, domain, email, "", "", "Walk-in"])
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Full Name", "Company Name", "Company Domain", "Email Address", "Title",
                    "LinkedIn Profile", "Source"])
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} rows")


if __name__ == "__main__":
    main()
