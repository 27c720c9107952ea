#!/usr/bin/env python3
"""Writes Ecluse's sample data into sample/: an invented CRM export, salespeople, appointments
and a commented policy.

Every person and company here is invented: names come from small made-up lists, addresses use
example.org/.net/.com, and phone numbers sit in the fictional ranges +33 1 00 00 xx xx and
+33 6 00 00 xx xx. The seed is fixed, so running the script again gives the same bytes.

Usage: python3 scripts/generate-sample.py [output-folder]   (default: sample/ next to scripts/)
"""

import csv
import io
import random
import sys
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

SEED = 20261204
CONTACT_COUNT = 2000
APPOINTMENT_COUNT = 300

SALESPEOPLE = [
    ("alice", "Alice Morvandel"),
    ("bruno", "Bruno Kestrelin"),
    ("chloe", "Chloé Vantadour"),
    ("david", "David Ombrelin"),
    ("emma", "Emma Quessardie"),
]

GIVEN_NAMES = [
    "Aurèle", "Bastienne", "Cyprien", "Delphine", "Elouan", "Faustine", "Gaspard", "Héloïse",
    "Ilian", "Joséphine", "Kilian", "Léonore", "Maëlys", "Nathanaël", "Océane", "Pacôme",
    "Quitterie", "Romaric", "Salomé", "Tancrède", "Ursule", "Valentin", "Wilfried", "Yseult",
    "Zéphyrin", "Anouk", "Basile", "Capucine", "Dorian", "Eulalie", "Firmin", "Garance",
]

FAMILY_NAMES = [
    "Valmoret", "Quintardel", "Brissonneau", "Chalvignac", "Dufresnoy", "Estavel", "Fourcadier",
    "Garbolino", "Hautecombe", "Isambertin", "Jolivald", "Kerbrusq", "Lanternier", "Malvezouin",
    "Noirclerc", "Orvaulte", "Pellerinat", "Roussenac", "Sauvageol", "Trévidic-Arnal",
    "Ulmerand", "Vaucorbeil", "Wattrelin", "Yvonnec", "Zaborniak", "Aubrelieu", "Bellocquin",
    "Cassagnol", "Dorlhiac", "Esquirol-Bas",
]

COMPANY_HEADS = [
    "Atelier", "Brasserie", "Cartonnerie", "Distillerie", "Ébénisterie", "Ferronnerie",
    "Fonderie", "Imprimerie", "Laiterie", "Menuiserie", "Papeterie", "Tissage", "Verrerie",
]

COMPANY_ROOTS = [
    "Brumaire", "du Val Songé", "des Trois Lanternes", "Orvelune", "Pastelbleu", "Quenolde",
    "de la Combe Rêvée", "Sablenoir", "Tournemine", "Vermillac", "des Hauts Fictifs", "Zéphyrelle",
]

COMPANY_TAILS = ["SARL", "SAS", "SA", "& Fils", "Coopérative", ""]

TITLES = [
    "Directrice des achats", "Directeur technique", "Responsable logistique", "Acheteuse",
    "Gérant", "Assistante de direction", "Chef de projet", "Responsable qualité",
    "Comptable", "Directrice générale",
]

STREETS = [
    "rue des Lanternes Bleues", "avenue du Songe", "impasse des Horloges", "boulevard Imaginaire",
    "chemin des Ardoises", "place du Cadran", "quai des Brumes Douces", "allée des Tilleuls Fictifs",
]

CITIES = [
    ("Paris", "75011"), ("Lyon", "69003"), ("Lille", "59000"), ("Nantes", "44000"),
    ("Bordeaux", "33000"), ("Toulouse", "31000"), ("Strasbourg", "67000"), ("Rennes", "35000"),
]

NOTES = [
    "Préfère être appelé le matin.",
    "Salon professionnel de mars : à relancer.",
    "Demande un devis pour le second semestre.",
    "Contact repris d'un ancien commercial.",
    "Intéressé par la gamme professionnelle.",
]

SUBJECTS = ["Point d'étape", "Présentation de la gamme", "Négociation annuelle", "Visite d'atelier",
            "Suivi de commande", "Démonstration"]

EMAIL_DOMAINS = ["example.org", "example.net", "example.com"]


def ascii_slug(text):
    """Lowercase ASCII letters, digits and dots, for the local part of an invented address."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(c for c in plain.lower().replace(" ", ".") if c.isalnum() or c in ".-")


def escape_text(value):
    """Escapes a vCard 3.0 / iCalendar TEXT value (RFC 2426 section 4, RFC 5545 3.3.11)."""
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line):
    """Folds a content line at 75 octets without splitting a UTF-8 sequence (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    parts = []
    limit = 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = 74  # the continuation's leading space counts
    parts.append(data)
    return b"\r\n ".join(parts).decode("utf-8")


def phone(prefix, index):
    """A number in the fictional range: +33 1 00 00 xx xx or +33 6 00 00 xx xx."""
    return f"+33 {prefix} 00 00 {index // 100 % 100:02d} {index % 100:02d}"


def make_tags(rng):
    roll = rng.random()
    if roll < 0.45:
        tags = ["customer"]
    elif roll < 0.75:
        tags = ["prospect"]
    elif roll < 0.85:
        tags = ["partner"]
    elif roll < 0.93:
        tags = ["supplier"]
    else:
        tags = ["former-customer"]
    if rng.random() < 0.08:
        tags.append("do-not-call")
    return tags


def make_contacts(rng, first=1, count=None):
    contacts = []
    for index in range(first, first + (count or CONTACT_COUNT)):
        given = rng.choice(GIVEN_NAMES)
        family = rng.choice(FAMILY_NAMES)
        tail = rng.choice(COMPANY_TAILS)
        company = " ".join(p for p in [rng.choice(COMPANY_HEADS), rng.choice(COMPANY_ROOTS), tail] if p)
        city, postcode = rng.choice(CITIES)
        local = f"{ascii_slug(given)}.{ascii_slug(family)}.{index:05d}"
        contact = {
            "uid": f"crm-{index:05d}",
            "given": given,
            "family": family,
            "org": company,
            "title": rng.choice(TITLES),
            "work_phone": phone(1, index),
            "cell_phone": phone(6, index),
            "work_email": f"{local}@{rng.choice(EMAIL_DOMAINS)}",
            "home_email": f"{local}@example.net" if rng.random() < 0.3 else None,
            "work_adr": (f"{rng.randint(1, 120)} {rng.choice(STREETS)}", city, postcode),
            "home_adr": None,
            "note": rng.choice(NOTES) if rng.random() < 0.25 else None,
            "bday": None,
            "tags": make_tags(rng),
            "owner": rng.choice(SALESPEOPLE)[0],
        }
        if rng.random() < 0.2:
            home_city, home_postcode = rng.choice(CITIES)
            contact["home_adr"] = (f"{rng.randint(1, 80)} {rng.choice(STREETS)}", home_city, home_postcode)
        if rng.random() < 0.15:
            contact["bday"] = f"{rng.randint(1955, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        contacts.append(contact)
    return contacts


def vcard(contact):
    c = contact
    fn = f"{c['given']} {c['family']}"
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{c['uid']}",
        f"N:{escape_text(c['family'])};{escape_text(c['given'])};;;",
        f"FN:{escape_text(fn)}",
        f"ORG:{escape_text(c['org'])}",
        f"TITLE:{escape_text(c['title'])}",
        f"TEL;TYPE=WORK:{c['work_phone']}",
        f"TEL;TYPE=CELL:{c['cell_phone']}",
        f"EMAIL;TYPE=WORK,PREF:{c['work_email']}",
    ]
    if c["home_email"]:
        lines.append(f"EMAIL;TYPE=HOME:{c['home_email']}")
    street, city, postcode = c["work_adr"]
    lines.append(f"ADR;TYPE=WORK:;;{escape_text(street)};{escape_text(city)};;{postcode};France")
    if c["home_adr"]:
        street, city, postcode = c["home_adr"]
        lines.append(f"ADR;TYPE=HOME:;;{escape_text(street)};{escape_text(city)};;{postcode};France")
    if c["note"]:
        lines.append(f"NOTE:{escape_text(c['note'])}")
    if c["bday"]:
        lines.append(f"BDAY:{c['bday']}")
    lines.append("CATEGORIES:" + ",".join(c["tags"]))
    lines.append(f"X-CRM-OWNER:{c['owner']}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def quoted_printable(value):
    """Outlook's 2.1 encoding: windows-1252 bytes, =XX escapes, '=' soft breaks under 76 octets."""
    out, line = [], ""
    for byte in value.encode("cp1252"):
        piece = chr(byte) if 32 < byte < 127 and byte != 61 else f"={byte:02X}"
        if len(line) + len(piece) > 72:
            out.append(line + "=")
            line = ""
        line += piece
    return "\r\n".join(out + [line])


def vcard21(contact):
    """A contact as Outlook 2003 exports it: vCard 2.1, QUOTED-PRINTABLE windows-1252 text."""
    c = contact
    def text(name, value):
        if all(32 <= ord(ch) < 127 for ch in value):
            return f"{name}:{value}"
        return f"{name};CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:{quoted_printable(value)}"
    street, city, postcode = c["work_adr"]
    lines = [
        "BEGIN:VCARD",
        "VERSION:2.1",
        text("N", f"{c['family']};{c['given']}"),
        text("FN", f"{c['given']} {c['family']}"),
        text("ORG", c["org"]),
        text("TITLE", c["title"]),
        f"TEL;WORK;VOICE:{c['work_phone']}",
        f"TEL;CELL;VOICE:{c['cell_phone']}",
        text("ADR;WORK;PREF", f";;{street};{city};;{postcode};France"),
        f"EMAIL;PREF;INTERNET:{c['work_email']}",
        "CATEGORIES:" + ",".join(c["tags"]),
        "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2",
        "END:VCARD",
    ]
    return "\r\n".join(lines) + "\r\n"


def contacts_csv(contacts):
    """The same contacts in the column layout of a Google Contacts export."""
    header = [
        "Name", "Given Name", "Family Name", "Organization 1 - Name", "Organization 1 - Title",
        "Phone 1 - Type", "Phone 1 - Value", "Phone 2 - Type", "Phone 2 - Value",
        "E-mail 1 - Type", "E-mail 1 - Value", "E-mail 2 - Type", "E-mail 2 - Value",
        "Address 1 - Type", "Address 1 - Street", "Address 1 - City", "Address 1 - Postal Code",
        "Address 1 - Country", "Address 2 - Type", "Address 2 - Street", "Address 2 - City",
        "Address 2 - Postal Code", "Address 2 - Country", "Birthday", "Notes", "Group Membership",
        "Custom Field 1 - Type", "Custom Field 1 - Value", "Custom Field 2 - Type", "Custom Field 2 - Value",
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for c in contacts:
        home = c["home_adr"] or ("", "", "")
        groups = " ::: ".join(c["tags"] + ["* myContacts"])
        writer.writerow([
            f"{c['given']} {c['family']}", c["given"], c["family"], c["org"], c["title"],
            "Work", c["work_phone"], "Mobile", c["cell_phone"],
            "* Work", c["work_email"], "Home" if c["home_email"] else "", c["home_email"] or "",
            "Work", c["work_adr"][0], c["work_adr"][1], c["work_adr"][2], "France",
            "Home" if c["home_adr"] else "", home[0], home[1], home[2], "France" if c["home_adr"] else "",
            c["bday"] or "", c["note"] or "", groups,
            "uid", c["uid"], "owner", c["owner"],
        ])
    return out.getvalue()


def salespeople_csv():
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["login", "display_name", "email"])
    for login, name in SALESPEOPLE:
        writer.writerow([login, name, f"{login}@example.org"])
    return out.getvalue()


VTIMEZONE = [
    "BEGIN:VTIMEZONE", "TZID:Europe/Paris",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
    "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
    "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
]


def appointments_ics(rng, contacts):
    """Meetings from October 2026 to February 2027, on working days, in Paris time."""
    names = dict(SALESPEOPLE)
    by_owner = {login: [c for c in contacts if c["owner"] == login] for login, _ in SALESPEOPLE}
    first_day = datetime(2026, 10, 1)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Ecluse//Sample CRM appointments//EN",
             "CALSCALE:GREGORIAN"] + VTIMEZONE
    for index in range(1, APPOINTMENT_COUNT + 1):
        day = first_day + timedelta(days=rng.randint(0, 150))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        start = day.replace(hour=rng.randint(8, 17), minute=rng.choice([0, 30]))
        end = start + timedelta(minutes=rng.choice([30, 60, 90]))
        login = rng.choice(SALESPEOPLE)[0]
        contact = rng.choice(by_owner[login])
        street, city, postcode = contact["work_adr"]
        lines += [
            "BEGIN:VEVENT",
            f"UID:appt-{index:04d}@sample.ecluse.example",
            "DTSTAMP:20261101T090000Z",
            f"DTSTART;TZID=Europe/Paris:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Paris:{end:%Y%m%dT%H%M%S}",
            f"SUMMARY:{escape_text(rng.choice(SUBJECTS) + ' – ' + contact['org'])}",
            f"LOCATION:{escape_text(f'{street}, {postcode} {city}')}",
            f"ORGANIZER;CN={names[login]}:mailto:{login}@example.org",
            f"ATTENDEE;CN=\"{contact['given']} {contact['family']}\";ROLE=REQ-PARTICIPANT:mailto:{contact['work_email']}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


OUTLOOK_COUNT = 120


def main():
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "sample"
    output.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    contacts = make_contacts(rng)

    (output / "crm-export.vcf").write_bytes("".join(vcard(c) for c in contacts).encode("utf-8"))
    (output / "crm-export.csv").write_bytes(contacts_csv(contacts).encode("utf-8"))
    (output / "salespeople.csv").write_bytes(salespeople_csv().encode("utf-8"))
    (output / "appointments.ics").write_bytes(appointments_ics(rng, contacts).encode("utf-8"))
    (output / "policy.yaml").write_bytes(POLICY.encode("utf-8"))
    # A salesperson's own Outlook address book: other contacts, exported as vCard 2.1. A
    # separate generator keeps the files above unchanged when this one changes.
    outlook = make_contacts(random.Random(SEED + 21), first=CONTACT_COUNT + 1, count=OUTLOOK_COUNT)
    (output / "outlook-export.vcf").write_bytes("".join(vcard21(c) for c in outlook).encode("ascii"))
    print(f"wrote {len(contacts)} contacts and {APPOINTMENT_COUNT} appointments to {output}")


POLICY = """\
# Ecluse policy for Exemple SARL (sample).
#
# This file decides which personal data may leave the CRM, to which system, for which purpose.
# Nothing leaves unless a rule below selects it, field by field. Every change to this file,
# even to a comment, is a new policy version: the ledger records which version allowed each copy.

# Who is responsible for the processing (GDPR Art. 4(7)) and whom data subjects can contact.
controller: { name: Exemple SARL, dpo: dpo@example.org }

# Why data leaves. Each purpose names its legal basis under GDPR Art. 6(1): consent, contract,
# legal-obligation, vital-interest, public-task or legitimate-interest. The description is
# what the record of processing activities (Art. 30) will say.
purposes:
  customer-reference:
    legal-basis: contract                   # Art. 6(1)(b): serving the customers' orders
    description: The sales team looks up how to reach the customers it serves.
  calls-on-the-road:
    legal-basis: legitimate-interest        # Art. 6(1)(f): balanced against the contacts' interests
    description: Salespeople call the customers and prospects they own from their phone.

# Where copies go. A destination is one collection for everyone (scope: shared) or one per
# salesperson (scope: per-user, where {user} stands for the salesperson's login).
# residency: eu means the data stays in the EU; own-risk would need approved-by and approved-on,
# and every report would flag it. List under attestations the documents that must be on file
# (for example eu-hosting) before anything is sent; both destinations here are run in-house.
destinations:
  team-folder:
    kind: vdir                              # a folder of .vcf files on Ecluse's own server
    path: out/team-folder                   # relative to Ecluse's data folder
    scope: shared
    residency: eu
  sales-phones:
    kind: carddav                           # the company's CardDAV server, synced to the phones
    url: http://127.0.0.1:5232/{user}/contacts/
    username: "{user}"
    password-env: ECLUSE_CARDDAV_PASSWORD   # the password is read from this variable, never stored here
    scope: per-user
    residency: eu

# What leaves: for a purpose and a destination, which contacts (subjects) and which fields.
# Notes, birthdays and home addresses are never needed for these purposes, so none is listed.
# keep: while-selected removes a copy on the first run after the contact is no longer selected
# (for example when it is tagged do-not-call or changes owner).
rules:
  - purpose: customer-reference
    to: team-folder
    subjects: { tags-any: [customer], tags-none: [do-not-call] }
    fields: [name, organisation, title, phone.work, email.work, address.work]
    keep: while-selected
  - purpose: calls-on-the-road
    to: sales-phones
    subjects: { owner: self, tags-any: [customer, prospect], tags-none: [do-not-call] }
    fields: [name, organisation, title, phone.work, phone.mobile, email.work]
    keep: while-selected
"""

if __name__ == "__main__":
    main()
