#!/usr/bin/env python3
"""Generate made-up saved copies of LinkedIn's "Sent invitations" page for invitekeeper's tests.

The page https://www.linkedin.com/mynetwork/invitation-manager/sent/ lists every
invitation the member sent that is still pending. A member can save it from the
browser, and invitekeeper reads that copy (it never logs into LinkedIn). This
script writes such copies, built from the page's structure only: every person,
headline, note, URL, image and asset in the output is invented, and no real
saved page was copied. Nothing is read from the network, the clock or the
environment; all randomness comes from one random.Random(seed), so the same
arguments give byte-identical files.

Two modes
---------
fixtures  gen_sent_page.py fixtures --out DIR [--seed 20261201]
          A small set of pages (8-15 cards each) in every form the parser must read
          or refuse, a made-up export folder matching the English cards, and
          DIR/MANIFEST.txt saying what a correct parser and ledger must find in each.
big       gen_sent_page.py big --out FILE --cards 1500 [--layout 2026|legacy|copy]
          [--lang en] [--mhtml] [--pad-mb N] [--seed 7]
          One large page for the benchmark; --pad-mb N adds N MB (2^20 bytes) of
          script noise (or display:none <code> blobs under --mhtml, since Chrome drops
          scripts from MHTML), half before the card list and half after it, in
          1 MB elements, for a bounded-memory test. The legacy layout is paginated
          like LinkedIn's, 100 cards a page (--per-page, 0 = one page): page 1 is
          FILE, page k is FILE's stem + ".pageK" + its suffix.

The snapshot
------------
Every page is "saved" at 2026-12-01 09:14:03 UTC by the made-up member Robin Vale
(https://www.linkedin.com/in/robin-vale-5e2a91c4/). Cards are listed newest first.
Age phrases are LinkedIn's relative times; in the fixtures each card's true send
time (used for the export) lies well inside the phrase's bucket, calendar days in
UTC: "40 minutes" = 40 min before; "11 hours" = 11 h 5 min .. 11 h 50 min;
"today" = 06:00-08:30 on Dec 1; "yesterday" = 10:00-20:00 on Nov 30; "N days" =
N days + 1..22 h; "N weeks" = 7N+1 .. 7N+5 days; "a month"/"N months" = 30N+3 ..
30N+20 days; "1 year" = 385..565 days.

The 2026 layout (server-driven UI)
----------------------------------
Minified HTML; class names are random 8-hex hashes ("_3f1a9c2e b81d0e77"), one
set per element role, fixed within a page and different in every page. The list
is <div data-testid="lazy-column">; each card is <div role="listitem"
componentkey="UUID">, holding a profile link https://www.linkedin.com/in/SLUG/
around the avatar <img alt="NAME’s profile picture"> (sometimes "'s"; localised
outside English), the name in a <p> inside a second link to the profile, the
headline in <p><span>..</span></p> (absent when the member has none), the age in a
leaf <span>, the note (if any) in <div data-testid="expandable-text-box"> with <br>
between lines and, for a long note, a trailing <button>…more</button> that is not
part of the note, and the withdraw control <a aria-label="Withdraw invitation sent
to NAME" href="#"><span>Withdraw</span></a>. Tabs: "Received", "Sent"
(aria-current="page"), then "People (N)" linking to .../sent/CONNECTION/ and
"Pages (N)" linking to .../sent/ORGANIZATION/ (page follows, not connections).
A member who did not scroll to the end saved fewer cards than People (N); the
list then ends in a loading skeleton. People (0) shows an empty state ("No pending
invitations" / "You have no sent invitations") and no list.

The earlier layout (about 2019-2025, Ember)
-------------------------------------------
Indented HTML full of Ember's <!----> comments and id="emberNNN". A <ul> of
<li class="invitation-card artdeco-list__item ...">: relative links /in/SLUG/
(one with a ?miniProfileUrn= query), <span class="invitation-card__title">,
<span class="invitation-card__subtitle">, <time class="time-badge t-12 ...">,
an optional note in a "lt-line-clamp" block with a "…more" button, and <button
class="invitation-card__action-btn artdeco-button ..." aria-label="Withdraw
invitation sent to NAME"><span>Withdraw</span></button>. Text nodes carry the
indentation around them. Tabs "People (N)" (?invitationType=CONNECTION) and
"Pages (N)" (?invitationType=ORGANIZATION); 100 cards a page with an
artdeco-pagination block (Previous / numbered pages / Next) when there is more
than one page.

Noise in every HTML page (the parser must not be fooled by it)
--------------------------------------------------------------
<!DOCTYPE html>, a long <head> (meta, link, <style>, external and inline
<script>s), scripts whose JSON or JS strings hold profile URLs, age phrases,
"Withdraw invitation sent to ..." and even card-like markup for people who are
not cards; <code style="display: none"> blobs of &quot;-escaped JSON (holding card
people and others); an HTML comment holding a whole fake card; inline <svg>
icons; &nbsp;; a global nav whose "Me" link goes to the member's own /in/ page; a
right rail "People you may know" whose items are role="listitem" too, with /in/
links, profile pictures and Connect buttons (no age, no withdraw). Text uses
&amp; &lt; &quot; &#39; &#x1F680; (and literal UTF-8 emoji), accents (José,
Müller, Zoë, Ngũgĩ), an apostrophe (O'Brien), a credential after a comma
("Okafor, CFA"); one slug is percent-encoded UTF-8 (m%C3%BCller), one is a
custom vanity slug without a suffix.

Forms of a saved page
---------------------
HTML only   absolute https://static.licdn.com/... and media.licdn.com URLs.
complete    Chrome's "Webpage, complete": a "saved from url" comment and an
            inserted <meta http-equiv="Content-Type"> in the page, asset URLs
            rewritten to ./BASE_files/NAME ("NAME(1)" for a second file of the same
            name), and those small made-up .css/.js/.png files written.
MHTML       Chrome's "single file": multipart/related, CRLF throughout, From:
            <Saved by Blink>, Snapshot-Content-Location, Subject (RFC 2047
            =?utf-8?Q?..?= when asked or not ASCII), Date, boundary
            "----MultipartBoundary--RANDOM----"; the first part is the page,
            quoted-printable (lines <= 76, "=" soft breaks, =3D, =C3=BC); then a
            text/css part (quoted-printable), an image/png part (base64) and an
            iframe's text/html part that is not the page. Like Chrome, the page
            part has its <script> elements removed.
text copy   Select all + copy: nav lines, "Manage invitations", "Received",
            "Sent", "People (N)", "Pages (N)", then per card: the picture's alt
            text, the name, the headline (if any), the age, the note's lines
            (a blank line stays blank), "…more" on its own line after a long note,
            the withdraw word; then the "People you may know" rail and the footer.
            No URLs. LF line ends, except: German CRLF, Spanish with a UTF-8 BOM.

Languages
---------
en, de, pt, fr, es: the age phrases, withdraw word, header words, nav, footer,
picture alt text, "…more" and the withdraw aria-label follow the interface
language (see LANGS), and <html lang> follows it too. A language's fixture uses
every age phrase of that language at least once.

Fixtures (what MANIFEST.txt describes)
--------------------------------------
sent_2026_en.html, sent_2026_en_complete.html (+ _files/), sent_2026_en.mhtml,
sent_legacy_en.html and sent_copy_en.txt show the same 15 English cards
(People (15)); sent_2026_en_partial.html shows the newest 12 of them under
People (40). sent_2026_<lang>.html and sent_copy_<lang>.txt for de, pt, fr, es
(their own cards). Pages to refuse: received_2026_en.html (the Received tab: the
same lazy-column and listitems, Accept/Ignore), received_copy_en.txt,
profile_en.html, login_en.html, search_en.html and not_a_page.txt.
sent_2026_en_empty.html is a valid Sent page with People (0) and no cards.
Basic_LinkedInDataExport_12-01-2026/ holds Invitations.csv and Connections.csv
(the export's formats, as tools/gen_export.py writes them) for the English cards:
13 of the 15 as OUTGOING rows from Robin Vale (2 are absent: new), 3 OUTGOING rows
on no page (gone once a complete page is read), 1 OUTGOING row whose invitee is in
Connections.csv (accepted: untouched), 1 sent 2026-12-01 15:00 UTC, after the
snapshot (untouched), and 2 INCOMING rows. Two cards share one full name and
have two rows: matched by URL in the HTML pages, ambiguous in the text copy. The
scenario is a test construct: one export listing both the after-snapshot row and
the rows the earlier page lacks.

MANIFEST.txt format (UTF-8, LF, tab-separated; "#" lines are comments)
----------------------------------------------------------------------
FILE   file  verdict(sent|refuse)  layout(2026|legacy|copy|-)  form(html|complete|
       mhtml|text)  lang  cards  people(N|none)  pages(N|none)  what-it-is
CARD   file  index(1..)  name  slug(as in the href, %XX kept; "-" in a text copy)
       age-phrase  note("-" = none)
LEDGER file  outcome  name  profile-URL|-  Sent-At|-  why
EXPORT path  rows  what-it-is
In text fields a newline is written \\n, a tab \\t and a backslash \\\\. Names,
phrases and notes are decoded text (no entities), trimmed. LEDGER outcomes:
matched (card <-> that CSV row), new (card with no row), ambiguous (card whose
name has several rows: match neither), gone (OUTGOING row the page must mark
gone), unaffected (OUTGOING row the page must leave alone; why says why).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import datetime as dt
import json
import math
import random
import re
import struct
import sys
import unicodedata
import urllib.parse
import zlib
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_export import whole_number  # noqa: E402  (one argument check for both generators)

# --------------------------------------------------------------------------
# The snapshot and the member

SNAPSHOT = dt.datetime(2026, 12, 1, 9, 14, 3)  # UTC
SNAPSHOT_DATE_HEADER = "Tue, 01 Dec 2026 09:14:03 -0000"
AFTER_SNAPSHOT = dt.datetime(2026, 12, 1, 15, 0)
EXPORT_DIR = "Basic_LinkedInDataExport_12-01-2026"
EXPORT_WINDOW_DAYS = 182  # an export lists the invitations of the last 182 days

WWW = "https://www.linkedin.com"
IN_URL = WWW + "/in/"
SENT_URL = WWW + "/mynetwork/invitation-manager/sent/"
RECEIVED_URL = WWW + "/mynetwork/invitation-manager/received/"
MEMBER_NAME = "Robin Vale"
MEMBER_SLUG = "robin-vale-5e2a91c4"
MEMBER_URL = IN_URL + MEMBER_SLUG  # as the export writes it: no trailing slash

LEGACY_PER_PAGE = 100
LONG_NOTE = 140  # notes longer than this (or of more than 2 lines) get a "…more" button


@dataclass(frozen=True)
class Card:
    name: str  # display name, decoded text ("Chidi Okafor, CFA")
    slug: str  # the /in/<slug>/ path segment, as in the href (may hold %XX)
    headline: str  # "" = none shown
    age_phrase: str  # "Sent 3 weeks ago", in the page's language
    note: str = ""  # the invitation's note, "\n" between lines; "" = none


# --------------------------------------------------------------------------
# Languages

# Age keys: kind and number, in age order. Each language lists the phrases it shows.
AGE_KEYS = {
    "m40": ("minute", 40), "h11": ("hour", 11), "today": ("today", 0),
    "yesterday": ("yesterday", 0), "d1": ("day", 1), "d5": ("day", 5), "w1": ("week", 1),
    "w2": ("week", 2), "w3": ("week", 3), "a_month": ("month", 1), "mo1": ("month", 1),
    "mo3": ("month", 3), "y1": ("year", 1),
}


@dataclass(frozen=True)
class Lang:
    code: str
    locale: str
    ages: dict  # age key -> phrase
    withdraw: str
    withdraw_label: str  # "{name}"
    manage: str
    received: str
    sent: str
    people: str  # "{n}"
    pages: str
    title_sent: str
    title_received: str
    picture: str  # alt text of a profile picture, "{name}"
    more: str
    nav: tuple  # skip link, Home, My Network, Jobs, Messaging, Notifications, Me, For Business
    footer: tuple  # About, Accessibility, Help Center, Privacy & Terms
    pymk: str
    connect: str
    connect_label: str
    empty: tuple  # empty-state heading and text
    loading: str


LANGS = {
    "en": Lang(
        "en", "en_US",
        {"m40": "Sent 40 minutes ago", "h11": "Sent 11 hours ago", "today": "Sent today",
         "yesterday": "Sent yesterday", "d1": "Sent 1 day ago", "d5": "Sent 5 days ago",
         "w1": "Sent 1 week ago", "w3": "Sent 3 weeks ago", "a_month": "Sent a month ago",
         "mo1": "Sent 1 month ago", "mo3": "Sent 3 months ago", "y1": "Sent 1 year ago"},
        "Withdraw", "Withdraw invitation sent to {name}", "Manage invitations", "Received", "Sent",
        "People ({n})", "Pages ({n})", "(3) Sent Invitations | LinkedIn", "(3) Invitations | LinkedIn",
        "{name}’s profile picture", "…more",
        ("Skip to main content", "Home", "My Network", "Jobs", "Messaging", "Notifications", "Me",
         "For Business"),
        ("About", "Accessibility", "Help Center", "Privacy & Terms"),
        "People you may know", "Connect", "Invite {name} to connect",
        ("No pending invitations", "You have no sent invitations"), "Loading more invitations"),
    "de": Lang(
        "de", "de_DE",
        {"m40": "Gesendet vor 40 Minuten", "h11": "Gesendet vor 11 Stunden", "today": "Gesendet heute",
         "yesterday": "Gesendet gestern", "d1": "Gesendet vor 1 Tag", "d5": "Gesendet vor 5 Tagen",
         "w1": "Gesendet vor 1 Woche", "w2": "Gesendet vor 2 Wochen", "mo1": "Gesendet vor 1 Monat",
         "mo3": "Gesendet vor 3 Monaten", "y1": "Gesendet vor 1 Jahr"},
        "Zurückziehen", "Einladung an {name} zurückziehen", "Einladungen verwalten", "Erhalten",
        "Gesendet", "Personen ({n})", "Seiten ({n})", "(3) Gesendete Einladungen | LinkedIn",
        "(3) Einladungen | LinkedIn", "Profilbild von {name}", "…mehr",
        ("Zum Hauptinhalt springen", "Startseite", "Mein Netzwerk", "Jobs", "Nachrichten",
         "Mitteilungen", "Ich", "Für Unternehmen"),
        ("Info", "Barrierefreiheit", "Hilfe", "Datenschutz & Bedingungen"),
        "Personen, die Sie kennen könnten", "Vernetzen", "{name} zum Vernetzen einladen",
        ("Keine ausstehenden Einladungen", "Sie haben keine gesendeten Einladungen"),
        "Weitere Einladungen werden geladen"),
    "pt": Lang(
        "pt", "pt_BR",
        {"m40": "Enviado há 40 minutos", "h11": "Enviado há 11 horas", "today": "Enviado hoje",
         "yesterday": "Enviado ontem", "d1": "Enviado há 1 dia", "d5": "Enviado há 5 dias",
         "w1": "Enviado há 1 semana", "w3": "Enviado há 3 semanas", "mo1": "Enviado há 1 mês",
         "mo3": "Enviado há 3 meses", "y1": "Enviado há 1 ano"},
        "Retirar", "Retirar convite enviado para {name}", "Gerenciar convites", "Recebidos",
        "Enviados", "Pessoas ({n})", "Páginas ({n})", "(3) Convites enviados | LinkedIn",
        "(3) Convites | LinkedIn", "Foto do perfil de {name}", "…mais",
        ("Pular para conteúdo principal", "Início", "Minha rede", "Vagas", "Mensagens",
         "Notificações", "Eu", "Para negócios"),
        ("Sobre", "Acessibilidade", "Central de Ajuda", "Privacidade e termos"),
        "Pessoas que talvez você conheça", "Conectar", "Convidar {name} para se conectar",
        ("Nenhum convite pendente", "Você não tem convites enviados"), "Carregando mais convites"),
    "fr": Lang(
        "fr", "fr_FR",
        {"m40": "Envoyée il y a 40 minutes", "h11": "Envoyée il y a 11 heures",
         "today": "Envoyée aujourd’hui", "yesterday": "Envoyée hier", "d1": "Envoyée il y a 1 jour",
         "d5": "Envoyée il y a 5 jours", "w1": "Envoyée il y a 1 semaine",
         "w3": "Envoyée il y a 3 semaines", "mo1": "Envoyée il y a 1 mois",
         "mo3": "Envoyée il y a 3 mois", "y1": "Envoyée il y a 1 an"},
        "Retirer", "Retirer l’invitation envoyée à {name}", "Gérer les invitations", "Reçues",
        "Envoyées", "Personnes ({n})", "Pages ({n})", "(3) Invitations envoyées | LinkedIn",
        "(3) Invitations | LinkedIn", "Photo de profil de {name}", "…plus",
        ("Passer au contenu principal", "Accueil", "Réseau", "Emplois", "Messagerie",
         "Notifications", "Vous", "Pour les entreprises"),
        ("À propos", "Accessibilité", "Centre d’aide", "Confidentialité et conditions"),
        "Personnes que vous pourriez connaître", "Se connecter", "Inviter {name} à se connecter",
        ("Aucune invitation en attente", "Vous n’avez aucune invitation envoyée"),
        "Chargement d’autres invitations"),
    "es": Lang(
        "es", "es_ES",
        {"m40": "Enviada hace 40 minutos", "h11": "Enviada hace 11 horas", "today": "Enviada hoy",
         "yesterday": "Enviada ayer", "d1": "Enviada hace 1 día", "d5": "Enviada hace 5 días",
         "w1": "Enviada hace 1 semana", "w3": "Enviada hace 3 semanas", "mo1": "Enviada hace 1 mes",
         "mo3": "Enviada hace 3 meses", "y1": "Enviada hace 1 año"},
        "Retirar", "Retirar invitación enviada a {name}", "Administrar invitaciones", "Recibidas",
        "Enviadas", "Personas ({n})", "Páginas ({n})", "(3) Invitaciones enviadas | LinkedIn",
        "(3) Invitaciones | LinkedIn", "Foto del perfil de {name}", "…más",
        ("Saltar al contenido principal", "Inicio", "Mi red", "Empleos", "Mensajes",
         "Notificaciones", "Yo", "Para negocios"),
        ("Acerca de", "Accesibilidad", "Centro de ayuda", "Privacidad y condiciones"),
        "Personas que quizá conozcas", "Conectar", "Invitar a {name} a conectar",
        ("No hay invitaciones pendientes", "No tienes invitaciones enviadas"),
        "Cargando más invitaciones"),
}
COPYRIGHT = "LinkedIn Corporation © 2026"
NAV_PATHS = ("/feed/", "/mynetwork/", "/jobs/", "/messaging/", "/notifications/")
FOOTER_URLS = ("https://about.linkedin.com/", WWW + "/accessibility", WWW + "/help/linkedin",
               WWW + "/legal/privacy-policy")

# --------------------------------------------------------------------------
# Invented vocabulary (combinations are random; no real people intended)

FIRST_NAMES = (
    "Maya", "Liam", "Aisha", "Kenji", "Sofia", "Mateo", "Priya", "Omar", "Ingrid", "Tomasz",
    "Chloé", "Björn", "Amara", "Nkechi", "Tariq", "Leila", "Hiroshi", "Mei", "Arjun", "Ananya",
    "Diego", "Valentina", "Camila", "Lucas", "Isabela", "Thiago", "Lucía", "Álvaro", "Inés", "Emma",
    "Noah", "Olivia", "Ethan", "Harper", "Owen", "Nora", "Felix", "Clara", "Hugo", "Léa",
    "Élodie", "Anouk", "Lars", "Freya", "Søren", "Aino", "Piotr", "Ondřej", "Milica", "Eleni",
    "Giulia", "Matteo", "Elif", "Zeynep", "Kwame", "Abena", "Thabo", "Baraka", "Moana", "Linh",
    "Siddharth", "Meera", "Rafael", "Beatriz", "Joaquim", "Ximena", "Renata", "Nicolás", "Nadia",
    "Youssef", "Samira", "Ravi", "Jasper", "Declan", "Aoife", "Ciarán", "Rhys", "Bronwen",
)
LAST_NAMES = (
    "Chen", "Nakamura", "Haddad", "Kowalski", "Gonçalves", "Nguyễn", "Dvořák", "Şahin",
    "Ólafsdóttir", "Bergström", "Virtanen", "Horváth", "Petrović", "Papadopoulos", "Rossi",
    "Esposito", "Moreau", "Lefèvre", "Dubois", "de Vries", "van Dijk", "Schmidt", "Hoffmann",
    "Schäfer", "Kaya", "Yılmaz", "Rahimi", "Cohen", "Mensah", "Owusu", "Adeyemi", "Eze",
    "Dlamini", "Moyo", "Kariuki", "Tanaka", "Kobayashi", "Park", "Choi", "Wang", "Zhang", "Tran",
    "Patel", "Iyer", "Menon", "Kapoor", "Rahman", "García", "Hernández", "López", "Castillo",
    "Rojas", "Silva", "Oliveira", "Carvalho", "Ribeiro", "Petrov", "Mansour", "Khalil",
    "MacLeod", "Gallagher", "Walsh", "Hughes", "Pemberton", "Hollis", "Ashdown", "Ngata",
)
EMOJI = ("🚀", "🌱", "✨", "💡", "📈")
COMPANIES = (
    "Larkspur Robotics", "Cobalt Reef Labs", "Tessellate Health", "Bluefin Logistics",
    "Quillfeather Software", "Ironbark Capital", "Saltmarsh Analytics", "Copperleaf Energy",
    "Brightwater Foods", "Kestrel Point Systems", "Nimbus Forge", "Oakhollow Studio",
    "Harrowgate, Bell & Co.", 'The "Good Dough" Bakery', "Café Lumière Group", "Ōkami Design Works",
)
TOPICS = ("data platforms", "developer tooling", "climate tech", "payments", "robotics",
          "design systems", "security engineering", "people analytics", "ML infrastructure")
ROLES = {
    "en": ("Software Engineer", "Senior Data Scientist", "Product Manager", "Talent Partner",
           "Staff Security Engineer", "UX Researcher", "Account Executive", "Head of People",
           "CTO & Co-founder", 'Engineer ("the on-call one")', "VP, Engineering"),
    "de": ("Softwareentwicklerin", "Leiter Vertrieb", "Data Scientist", "Produktmanager",
           "Personalreferentin", "Geschäftsführer & Gründer"),
    "pt": ("Engenheira de Software", "Gerente de Operações", "Analista de Dados", "Recrutadora",
           "Diretor Comercial & Sócio"),
    "fr": ("Ingénieure logicielle", "Chef de projet", "Responsable RH", "Analyste financier",
           "Directrice commerciale & associée"),
    "es": ("Ingeniera de software", "Gerente de ventas", "Analista de datos", "Reclutadora",
           "Director de operaciones & socio"),
}
AT_WORD = {"en": "at", "de": "bei", "pt": "na", "fr": "chez", "es": "en"}
GENERIC_NOTES = {
    "en": ("I'd like to add you to my professional network on LinkedIn.", "Hi, I'd like to connect."),
    "de": ("Ich würde Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",),
    "pt": ("Gostaria de adicionar você à minha rede profissional no LinkedIn.",),
    "fr": ("J’aimerais vous inviter à rejoindre mon réseau professionnel sur LinkedIn.",),
    "es": ("Me gustaría añadirte a mi red profesional en LinkedIn.",),
}
PERSONAL_NOTES = {
    "en": ("Hi {first}, we're both working on {topic}, so connecting seemed overdue.",
           "Hi {first}, I enjoyed your post \"Boring tech, happy teams\" - thanks for writing it.",
           "Hi {first},\nwe met at the {topic} meetup.\nWould be great to stay in touch.",
           "Hi {first},\n\nthanks for the quick chat today & the pointers!",
           "Hello {first}! I'm building a small network of people who care about {topic}. "
           "No pitch, just keen to stay in touch and swap notes on what's working for your team "
           "at {company} and mine.",
           "Hej {first}! ✨ Fellow {topic} person here."),
    "de": ("Hallo {first}, ich würde mich gerne mit Ihnen vernetzen.",
           "Hallo {first},\nwir haben uns auf der Konferenz kurz unterhalten – bleiben wir in Kontakt!",
           "Hi {first}, spannendes Profil! Ich arbeite auch im Bereich {topic} & würde mich über "
           "einen Austausch freuen. Vielleicht finden wir ja demnächst Zeit für einen virtuellen "
           "Kaffee, ganz ohne Verkaufsgespräch.",
           "Servus {first} 🚀 – Grüße aus dem \"{topic}\"-Team!"),
    "pt": ("Olá {first}, gostaria de me conectar com você.",
           "Oi {first}! Vi seu post sobre \"{topic}\" e adorei.",
           "Olá {first},\nsou recrutadora na {company} e achei seu perfil muito interessante.",
           "Olá {first}, trabalho com {topic} há alguns anos & adoraria trocar ideias sobre o que "
           "está funcionando na sua equipe. Sem vendas, só conversa mesmo! Abraços de São Paulo."),
    "fr": ("Bonjour {first}, j’aimerais vous ajouter à mon réseau.",
           "Bonjour {first},\nravi d’avoir échangé au salon. Restons en contact !",
           "Salut {first}, on travaille tous les deux sur {topic} & j’aimerais échanger. "
           "Pas de démarchage, promis : juste l’envie de comparer nos « bonnes pratiques » autour "
           "d’un café.",
           "Bonjour {first} 💡 votre article m'a beaucoup plu."),
    "es": ("Hola {first}, me gustaría agregarte a mi red profesional.",
           "¡Hola {first}! Vi tu publicación sobre \"{topic}\" y me pareció genial.",
           "Hola {first},\nsoy reclutadora en {company} y me encantaría conectar contigo.",
           "Hola {first}, llevo años trabajando en {topic} & me encantaría intercambiar ideas "
           "sobre lo que funciona en tu equipo. Nada de ventas, solo conversación. ¡Saludos "
           "desde Valencia!"),
}
MUTUAL = "{name} and {n} other mutual connections"

# --------------------------------------------------------------------------
# Small helpers


def alnum(rnd: random.Random, n: int, alphabet: str = "abcdefghijklmnopqrstuvwxyz0123456789") -> str:
    return "".join(rnd.choice(alphabet) for _ in range(n))


B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def uuid_like(rnd: random.Random) -> str:
    h = f"{rnd.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:]}"


def is_emoji(ch: str) -> bool:
    return ord(ch) >= 0x1F000 or 0x2600 <= ord(ch) <= 0x27BF


_TRANSLIT = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "ı": "i", "œ": "oe"})


def base_name(name: str) -> str:
    """The name without a credential after a comma or emoji: 'Maya 🚀 Chen, PhD' -> 'Maya Chen'."""
    name = name.split(",")[0]
    return " ".join("".join(c for c in name if not is_emoji(c)).split())


def slugify(name: str) -> str:
    """'Søren Ólafsdóttir' -> 'soren-olafsdottir' (ASCII, lowercase, hyphens)."""
    text = base_name(name).lower().translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['’]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


class SlugMaker:
    """Unique made-up slugs: 'maya-chen-3f9a2c1b'; optionally vanity or percent-encoded."""

    def __init__(self, rnd: random.Random):
        self.rnd = rnd
        self.used = {MEMBER_SLUG}

    def make(self, name: str, style: str = "hex") -> str:
        while True:
            if style == "vanity":
                slug = slugify(name).replace("-", "")
            elif style == "utf8":  # a custom URL with non-ASCII letters, percent-encoded by LinkedIn
                slug = urllib.parse.quote(re.sub(r"\s+", "-", base_name(name).lower())) + \
                    f"-{self.rnd.getrandbits(24):06x}"
            else:
                slug = f"{slugify(name)}-{self.rnd.getrandbits(32):08x}"
            if slug not in self.used:
                self.used.add(slug)
                return slug
            style = "hex"


def random_name(rnd: random.Random, used: set) -> str:
    while True:
        name = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
        if name not in used:
            used.add(name)
            return name


def random_headline(rnd: random.Random, lang: str) -> str:
    role, company = rnd.choice(ROLES[lang]), rnd.choice(COMPANIES)
    u = rnd.random()
    if u < 0.55:
        return f"{role} {AT_WORD[lang]} {company}"
    if u < 0.75:
        return f"{role} @ {company} | {rnd.choice(TOPICS).title()}"
    if u < 0.9:
        return f"{role} • {rnd.choice(TOPICS)} • {rnd.choice(EMOJI)}"
    return f"{role} | Ex-{rnd.choice(COMPANIES).split()[0]}"


def random_note(rnd: random.Random, lang: str, first: str, kind: str | None = None) -> str:
    kind = kind or rnd.choice(("none", "none", "generic", "personal", "personal"))
    if kind == "none":
        return ""
    if kind == "generic":
        return rnd.choice(GENERIC_NOTES[lang])
    return rnd.choice(PERSONAL_NOTES[lang]).format(first=first, topic=rnd.choice(TOPICS),
                                                   company=rnd.choice(COMPANIES[:12]))


def first_word(name: str) -> str:
    return base_name(name).split()[0]


def needs_more(note: str) -> bool:
    return len(note) > LONG_NOTE or note.count("\n") >= 2


def sent_time_for(key: str, rnd: random.Random) -> dt.datetime:
    """A send time (UTC, whole minutes) well inside the bucket of age key `key` (module docstring)."""
    kind, n = AGE_KEYS[key]
    now = SNAPSHOT.replace(second=0)
    td = dt.timedelta
    if kind == "minute":
        return now - td(minutes=n)
    if kind == "hour":
        return now - td(hours=n, minutes=rnd.randint(5, 50))
    if kind == "today":
        return dt.datetime(2026, 12, 1, 6, 0) + td(minutes=rnd.randint(0, 150))
    if kind == "yesterday":
        return dt.datetime(2026, 11, 30, 10, 0) + td(minutes=rnd.randint(0, 600))
    if kind == "day":
        return now - td(days=n, minutes=rnd.randint(60, 22 * 60))
    if kind == "week":
        return now - td(days=7 * n + rnd.randint(1, 5), minutes=rnd.randint(0, 600))
    if kind == "month":
        return now - td(days=30 * n + rnd.randint(3, 20), minutes=rnd.randint(0, 600))
    return now - td(days=365 * n + rnd.randint(20, 200), minutes=rnd.randint(0, 600))


def age_keys_for(lang: str, count: int) -> list:
    """`count` age keys of the language, newest first, each phrase at least once when count allows."""
    keys = list(LANGS[lang].ages)
    return [keys[i * len(keys) // count] for i in range(count)] if count < len(keys) else \
        sorted(keys + [keys[(i * 7 + 3) % len(keys)] for i in range(count - len(keys))], key=keys.index)


# --------------------------------------------------------------------------
# HTML text and attribute escaping, with LinkedIn's mix of entity styles


def plain_escape(s: str, quote: bool = False) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace('"', "&quot;") if quote else s


def emoji_entities(s: str, rnd: random.Random) -> str:
    out = []
    for ch in s:
        if is_emoji(ch):
            out.append(f"&#x{ord(ch):X};" if rnd.random() < 0.7 else f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


def tiny_png(rgb: tuple, size: int = 2) -> bytes:
    """A valid size x size RGB PNG, stored (uncompressed) deflate: the same bytes on any zlib."""
    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    stream = (b"\x78\x01\x01" + struct.pack("<HH", len(raw), len(raw) ^ 0xFFFF) + raw
              + struct.pack(">I", zlib.adler32(raw)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", stream) + chunk(b"IEND", b""))


# --------------------------------------------------------------------------
# The page builder shared by the 2026-style pages


class Page2026:
    """One page's hashed class names, asset URLs and escaping choices."""

    def __init__(self, rnd: random.Random, lang: str, assets_base: str | None = None):
        self.rnd = rnd
        self.L = LANGS[lang]
        self.assets_base = assets_base
        self.classes: dict[str, str] = {}
        self.files: dict[str, str] = {}
        self.file_counts: dict[str, int] = {}
        self.ghost = self.static("png")
        self.slugs = SlugMaker(rnd)

    # class names ---------------------------------------------------------
    def _hash(self) -> str:
        v = self.rnd.getrandbits(32)
        return f"_{v:08x}" if self.rnd.random() < 0.5 else "abcdef"[v % 6] + f"{v:08x}"[1:]

    def c(self, role: str) -> str:
        """' class="..."' for an element role: one to three hashes, fixed within the page."""
        if role not in self.classes:
            n = 1 + (self.rnd.random() < 0.6) + (self.rnd.random() < 0.2)
            self.classes[role] = " ".join(self._hash() for _ in range(n))
        return f' class="{self.classes[role]}"'

    # escaping ------------------------------------------------------------
    def text(self, s: str) -> str:
        out = plain_escape(s)
        if "'" in out and self.rnd.random() < 0.5:
            out = out.replace("'", "&#39;")
        if '"' in out and self.rnd.random() < 0.5:
            out = out.replace('"', "&quot;")
        if any(is_emoji(ch) for ch in out) and self.rnd.random() < 0.6:
            out = emoji_entities(out, self.rnd)
        return out

    def attr(self, s: str) -> str:
        out = plain_escape(s, quote=True)
        if "'" in out and self.rnd.random() < 0.5:
            out = out.replace("'", "&#39;")
        if any(is_emoji(ch) for ch in out) and self.rnd.random() < 0.3:
            out = emoji_entities(out, self.rnd)
        return out

    # assets --------------------------------------------------------------
    def asset(self, url: str, filename: str) -> str:
        """The URL as the saved page holds it: absolute, or ./BASE_files/NAME when complete."""
        if not self.assets_base:
            return url
        if url not in self.files:
            stem, _, ext = filename.rpartition(".")
            n = self.file_counts.get(filename, 0)
            self.file_counts[filename] = n + 1
            self.files[url] = filename if n == 0 else f"{stem}({n}).{ext}"
        return f"./{self.assets_base}_files/{self.files[url]}"

    def static(self, ext: str) -> str:
        h = alnum(self.rnd, 25)
        return self.asset(f"https://static.licdn.com/aero-v1/sc/h/{h}", f"{h}.{ext}")

    def avatar(self) -> str:
        if self.rnd.random() < 0.2:
            return self.ghost
        r = self.rnd
        url = (f"https://media.licdn.com/dms/image/v2/D{r.choice('45')}{r.choice('E6')}03AQ"
               f"{alnum(r, 16, B62)}/profile-displayphoto-shrink_100_100/"
               f"profile-displayphoto-shrink_100_100/0/{r.randint(1600000000000, 1790000000000)}"
               f"?e=1798761600&v=beta&t={alnum(r, 43, B62 + '-_')}")
        return self.asset(url, "profile-displayphoto-shrink_100_100.png")

    # pieces --------------------------------------------------------------
    def svg(self, role: str, label: str | None = None) -> str:
        r = self.rnd
        d = f"M{r.randint(1, 23)} {r.randint(1, 23)}" + "".join(
            f"{r.choice('LlQq')}{r.randint(1, 23)} {r.randint(1, 23)}" for _ in range(4)) + "z"
        aria = f' aria-label="{label}" role="img"' if label else ' aria-hidden="true"'
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"'
                f' fill="currentColor"{aria} focusable="false"{self.c(role)}><path d="{d}"></path></svg>')

    def picture_alt(self, name: str) -> str:
        if self.L.code == "en" and self.rnd.random() < 0.3:
            return f"{name}'s profile picture"
        return self.L.picture.format(name=name)

    def noise_person(self, used: set) -> tuple:
        name = random_name(self.rnd, used)
        return name, self.slugs.make(name), random_headline(self.rnd, self.L.code)

    def head(self, title: str, canonical: str, page_key: str, decoys: list) -> str:
        r = self.rnd
        css_rules = "".join(f".{self._hash()}{{{prop}}}" for prop in (
            "display:flex;align-items:center", "margin:0 0 8px;font-weight:600",
            "color:rgba(0,0,0,.6);font-size:1.2rem", "border-radius:50%;overflow:hidden",
            "-webkit-line-clamp:2;display:-webkit-box;overflow:hidden"))
        state = {"pageKey": page_key, "locale": self.L.locale, "memberUrn": f"urn:li:member:{r.randint(10**8, 10**9)}",
                 "treatments": {f"voyager.web.{alnum(r, 8)}": r.choice(("control", "enabled")) for _ in range(4)},
                 "prefetch": [{"profileUrl": f"{IN_URL}{slug}/", "title": name,
                               "subtitle": headline, "timeLabel": self.L.ages[r.choice(list(self.L.ages))]}
                              for name, slug, headline in decoys]}
        return "".join([
            "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{plain_escape(title)}</title>",
            f'<meta name="pageKey" content="{page_key}">',
            f'<meta name="locale" content="{self.L.locale}">',
            '<meta name="robots" content="noarchive">',
            '<meta name="description" content="Manage your invitations on LinkedIn.">',
            '<meta property="og:site_name" content="LinkedIn">',
            f'<meta name="clientPageInstanceId" content="{uuid_like(r)}">',
            f'<link rel="canonical" href="{canonical}">',
            f'<link rel="icon" href="{self.static("ico")}">',
            f'<link rel="stylesheet" href="{self.static("css")}">',
            f'<link rel="stylesheet" href="{self.static("css")}" media="print">',
            f"<style>{css_rules}</style>",
            f"<style>@font-face{{font-family:system-ui;src:local('Segoe UI')}}.{self._hash()}>svg{{width:24px}}</style>",
            f'<script src="{self.static("js")}" async></script>',
            f'<script src="{self.static("js")}" defer></script>',
            "<script>window.__lix = {\"enabled\": true}; /* <div role=\"listitem\"> is rendered server side */</script>",
            '<script type="application/json" id="initial-state">',
            json.dumps(state, ensure_ascii=False).replace("</", "<\\/"),
            "</script>",
            "</head>"])

    def nav(self) -> str:
        L, c = self.L, self.c
        items = []
        for label, path in zip(L.nav[1:6], NAV_PATHS):
            items.append(f'<li{c("nav-item")}><a{c("nav-link")} href="{WWW}{path}">{self.svg("nav-icon")}'
                         f'<span{c("nav-label")}>{label}</span></a></li>')
        me = (f'<li{c("nav-item")}><a{c("nav-link")} href="{IN_URL}{MEMBER_SLUG}/">'
              f'<img{c("nav-me")} src="{self.avatar()}" alt="{MEMBER_NAME}" width="24" height="24">'
              f'<span{c("nav-label")}>{L.nav[6]}</span></a></li>')
        business = L.nav[7].replace(" ", "&nbsp;", 1)
        return (f'<a{c("skip")} href="#main-content">{L.nav[0]}</a>'
                f'<header{c("nav")} id="global-nav"><nav aria-label="Primary Navigation"><ul{c("nav-list")}>'
                + "".join(items) + me
                + f'<li{c("nav-item")}><button{c("nav-link")} type="button">{self.svg("nav-icon")}'
                f'<span{c("nav-label")}>{business}</span></button></li></ul></nav></header>')

    def tabs(self, active: str, people: int, pages: int) -> str:
        L, c = self.L, self.c
        base = SENT_URL if active == "sent" else RECEIVED_URL
        rec = ' aria-current="page"' if active == "received" else ""
        snt = ' aria-current="page"' if active == "sent" else ""
        return (f'<h1{c("h1")}>{L.manage}</h1>'
                f'<nav{c("tabs")} aria-label="{L.manage}">'
                f'<a{c("tab")} href="{RECEIVED_URL}"{rec}><span>{L.received}</span></a>'
                f'<a{c("tab")} href="{SENT_URL}"{snt}><span>{L.sent}</span></a></nav>'
                f'<div{c("filters")}>'
                f'<a{c("pill")} href="{base}CONNECTION/" aria-current="true"><span{c("pill-label")}>'
                f'{L.people.format(n=people)}</span></a>'
                f'<a{c("pill")} href="{base}ORGANIZATION/"><span{c("pill-label")}>'
                f'{L.pages.format(n=pages)}</span></a></div>')

    def pymk(self, people: list) -> str:
        L, c = self.L, self.c
        items = []
        for name, slug, headline in people:
            href = f"{IN_URL}{slug}/"
            items.append(
                f'<div role="listitem" componentkey="{uuid_like(self.rnd)}"{c("pymk-item")}>'
                f'<a{c("pymk-link")} href="{href}"><img{c("pymk-img")} src="{self.attr(self.avatar())}" '
                f'alt="{self.attr(self.picture_alt(name))}" width="56" height="56">'
                f'<p{c("pymk-name")}>{self.text(name)}</p></a>'
                f'<p{c("pymk-headline")}><span>{self.text(headline)}</span></p>'
                f'<button{c("connect")} type="button" aria-label="{self.attr(L.connect_label.format(name=name))}">'
                f'{self.svg("btn-icon")}<span>{L.connect}</span></button></div>')
        return (f'<aside{c("rail")} aria-label="{L.pymk}"><h2{c("rail-h")}>{L.pymk}</h2>'
                f'<div role="list"{c("rail-list")}>' + "".join(items) + "</div></aside>")

    def footer(self) -> str:
        c = self.c
        links = "".join(f'<li><a{c("foot-link")} href="{u}">{plain_escape(t)}</a></li>'
                        for t, u in zip(self.L.footer, FOOTER_URLS))
        return (f'<footer{c("footer")}><ul{c("foot-list")}>{links}</ul>'
                f'<p{c("copyright")}>{self.svg("logo", "LinkedIn")}LinkedIn Corporation&nbsp;© 2026</p></footer>')

    def decoy_blobs(self, decoys: list, cards: list) -> str:
        """Scripts, <code> blobs and a comment that look like cards but are not."""
        L, r = self.L, self.rnd
        name, slug, _ = decoys[0]
        fake = (f'<div role="listitem" componentkey="{uuid_like(r)}"><a href="{IN_URL}{slug}/">'
                f"<p>{plain_escape(name)}</p></a><span>{r.choice(list(L.ages.values()))}</span>"
                f'<a aria-label="{plain_escape(L.withdraw_label.format(name=name), True)}" href="#">'
                f"<span>{L.withdraw}</span></a></div>")
        included = [{"$type": "com.linkedin.voyager.dash.identity.profile.Profile",
                     "publicIdentifier": urllib.parse.unquote(cd.slug), "firstName": first_word(cd.name),
                     "headline": cd.headline, "entityUrn": f"urn:li:fsd_profile:ACoAA{alnum(r, 20, B62)}"}
                    for cd in cards[:3]]
        included += [{"$type": "com.linkedin.voyager.dash.relationships.invitation.Invitation",
                      "inviteeProfileUrl": f"{IN_URL}{s}/", "sentTimeLabel": r.choice(list(L.ages.values())),
                      "title": {"text": n}} for n, s, _ in decoys]
        blob = json.dumps({"data": {"paging": {"count": 100, "start": 0}}, "included": included},
                          ensure_ascii=False)
        blob_id = r.randint(10**6, 10**7)
        rehydrate = json.dumps(["$", "div", None, {"dangerouslySetInnerHTML": {"__html": fake}}],
                               ensure_ascii=False).replace("</", "<\\/")
        withdraw = json.dumps({n: L.withdraw_label.format(name=n) for n, _, _ in decoys[1:]},
                              ensure_ascii=False).replace("</", "<\\/")
        return "".join([
            f"<!-- {fake} -->",
            f'<code style="display: none" id="datalet-bpr-guid-{blob_id}">'
            f'{plain_escape(json.dumps({"request": "/voyager/api/relationships/sentInvitationViewsV2", "status": 200}), True)}</code>',
            f'<code style="display: none" id="bpr-guid-{blob_id}">{plain_escape(blob, True)}</code>',
            f"<script>window.__como_rehydration__ = window.__como_rehydration__ || [];"
            f"window.__como_rehydration__.push({rehydrate});</script>",
            f'<script type="application/json" data-labels="withdraw">{withdraw}</script>',
            f'<noscript><p>{plain_escape("Please enable JavaScript & reload.")}</p></noscript>'])

    def document(self, title: str, canonical: str, page_key: str, body: str, decoys: list,
                 cards: list, pad: tuple = ("", "")) -> str:
        head = self.head(title, canonical, page_key, decoys[:3])
        if pad[0]:
            head = head.replace("</head>", pad[0] + "</head>")
        return ("<!DOCTYPE html>"
                f'<html lang="{self.L.code}" dir="ltr"{self.c("html")}>' + head
                + f'<body{self.c("body")}>' + self.nav() + body + self.footer()
                + self.decoy_blobs(decoys[3:], cards) + pad[1] + "</body></html>\n")


# --------------------------------------------------------------------------
# The 2026 Sent page


def _card_2026(p: Page2026, card: Card) -> str:
    L, c = p.L, p.c
    href = p.attr(f"{IN_URL}{card.slug}/")
    parts = [f'<div role="listitem" componentkey="{uuid_like(p.rnd)}"{c("card")}><div{c("card-row")}>',
             f'<a{c("avatar-link")} href="{href}" tabindex="-1" aria-hidden="true"><div{c("avatar")}>'
             f'<figure{c("figure")}><img{c("avatar-img")} src="{p.attr(p.avatar())}" '
             f'alt="{p.attr(p.picture_alt(card.name))}" width="72" height="72" loading="lazy">'
             f"</figure></div></a>",
             f'<div{c("card-body")}>',
             f'<a{c("name-link")} href="{href}"><p{c("name")}>{p.text(card.name)}</p></a>']
    if card.headline:
        headline = p.text(card.headline)
        if " | " in headline and p.rnd.random() < 0.7:
            headline = headline.replace(" | ", "&nbsp;| ", 1)
        parts.append(f'<p{c("headline")}><span{c("headline-span")}>{headline}</span></p>')
    parts.append(f'<span{c("age")}>{p.text(card.age_phrase)}</span>')
    if card.note:
        more = (f'<button{c("more")} type="button" aria-expanded="false"><span>{L.more}</span></button>'
                if needs_more(card.note) else "")
        parts.append(f'<div{c("note")} data-testid="expandable-text-box">'
                     + "<br>".join(p.text(line) for line in card.note.split("\n")) + more + "</div>")
    parts.append("</div>")
    label = p.attr(L.withdraw_label.format(name=card.name))
    parts.append(f'<div{c("actions")}><a{c("withdraw")} aria-label="{label}" href="#">'
                 f'<span{c("withdraw-label")}>{L.withdraw}</span></a></div></div></div>')
    return "".join(parts)


def make_pad(rnd: random.Random, total_bytes: int, kind: str, lang: str) -> tuple:
    """(before, after): about total_bytes of noise in 1 MiB <script> (or <code>) elements."""
    if total_bytes <= 0:
        return "", ""
    L = LANGS[lang]
    slugs = SlugMaker(rnd)
    used: set = set()
    units = []
    for _ in range(64):
        name = random_name(rnd, used) if len(used) < 3000 else "Ada Noise"
        units.append(json.dumps({"profileUrl": f"{IN_URL}{slugs.make(name)}/", "name": name,
                                 "sentTimeLabel": rnd.choice(list(L.ages.values())),
                                 "a11y": L.withdraw_label.format(name=name),
                                 "html": f"<span>{L.withdraw}</span>",
                                 "blob": alnum(rnd, 600, B62)}).replace("</", "<\\/"))  # ASCII: 1 byte a char
    sizes = [len(u) + 1 for u in units]
    block = 1 << 20
    blocks = []
    written, k = 0, 0
    while written < total_bytes:
        size = min(block, total_bytes - written)
        body, n = [], 0
        while n < size - 200:
            k_unit = rnd.randrange(len(units))
            body.append(units[k_unit])
            n += sizes[k_unit]
        text = "[" + ",".join(body) + "]"
        if kind == "code":
            blocks.append(f'<code style="display: none" id="bpr-guid-pad-{k}">{plain_escape(text, True)}</code>')
        else:
            blocks.append(f'<script type="application/json" data-pad="{k}">{text}</script>')
        written += n
        k += 1
    half = (len(blocks) + 1) // 2
    return "".join(blocks[:half]), "".join(blocks[half:])


def render_2026_html(cards: list, lang: str, people_count: int, pages_count: int, rnd: random.Random,
                     complete_assets_base: str | None = None, pad_bytes: int = 0,
                     pad_kind: str = "script") -> str:
    """The Sent tab in the 2026 layout. People (people_count) > len(cards) = a partial save (the
    list ends in a loading skeleton); no cards and people_count 0 = the empty state. With
    complete_assets_base the page is Chrome's "Webpage, complete" (see write_complete_page)."""
    p = Page2026(rnd, lang, complete_assets_base)
    L, c = p.L, p.c
    used = {cd.name for cd in cards}
    decoys = [p.noise_person(used) for _ in range(7)]
    rail = [p.noise_person(used) for _ in range(3)]
    if cards or people_count:
        items = []
        for i, card in enumerate(cards):
            if i and rnd.random() < 0.3:
                items.append(f'<hr{c("sep")} aria-hidden="true">')
            items.append(_card_2026(p, card))
        if people_count > len(cards):
            items.append(f'<div{c("skeleton")} role="progressbar" aria-label="{L.loading}" aria-busy="true">'
                         f'<div{c("skeleton-bar")}></div><div{c("skeleton-bar")}></div></div>')
        listing = (f'<div data-testid="lazy-column" componentkey="{uuid_like(rnd)}"{c("column")}>'
                   + "".join(items) + "</div>")
    else:
        listing = (f'<section{c("empty")}>{p.svg("empty-art")}<h2{c("empty-h")}>{L.empty[0]}</h2>'
                   f'<p{c("empty-p")}>{L.empty[1]}</p></section>')
    pad = make_pad(rnd, pad_bytes, pad_kind, lang)
    body = (f'<div{c("app")} id="root"><main{c("main")} id="main-content"><section{c("manager")}>'
            + p.tabs("sent", people_count, pages_count) + listing + "</section>" + p.pymk(rail)
            + "</main></div>")
    html = p.document(L.title_sent, SENT_URL, "d_flagship3_people_invitations", body, decoys, cards, pad)
    return chrome_complete(html, SENT_URL) if complete_assets_base else html


def chrome_complete(html: str, url: str) -> str:
    """What Chrome's "Webpage, complete" adds: the mark-of-the-web comment and a Content-Type meta."""
    html = html.replace("<!DOCTYPE html>", f"<!DOCTYPE html>\n<!-- saved from url=({len(url):04d}){url} -->\n", 1)
    return html.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">', 1)


def complete_assets(html: str, base: str) -> dict:
    """The files a complete save references (./BASE_files/NAME), made up from each name."""
    files = {}
    for name in sorted(set(re.findall(re.escape(f"./{base}_files/") + r"([^\"'?#\s]+)", html))):
        seed = zlib.crc32(name.encode("utf-8"))
        if name.endswith(".css"):
            data = (f"/* made-up stylesheet {name} */\n._{seed:08x}{{display:flex;gap:8px}}\n"
                    f".b{seed % 99991:07x}{{color:#{seed & 0xFFFFFF:06x}}}\n").encode()
        elif name.endswith(".js"):
            data = (f"/* made-up script {name} */\n(function(){{var k={seed};"
                    f"window.__mk=(window.__mk||0)+k%7;}})();\n").encode()
        elif name.endswith(".ico"):
            data = tiny_png((seed & 255, 10, 102), 1)
        else:
            data = tiny_png(((seed >> 16) & 255, (seed >> 8) & 255, seed & 255))
        files[name] = data
    return files


def write_complete_page(directory: Path, base: str, html: str) -> list:
    """Write DIR/BASE.html and DIR/BASE_files/ like Chrome's "Webpage, complete"; return the paths."""
    page = directory / f"{base}.html"
    page.write_bytes(html.encode("utf-8"))
    folder = directory / f"{base}_files"
    folder.mkdir(exist_ok=True)
    paths = [page]
    for name, data in complete_assets(html, base).items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


# --------------------------------------------------------------------------
# The earlier (Ember) layout


class Ember:
    def __init__(self, rnd: random.Random):
        self.rnd = rnd
        self.n = rnd.randint(200, 400)

    def id(self) -> str:
        self.n += self.rnd.randint(1, 4)
        return f"ember{self.n}"


def _card_legacy(e: Ember, p: Page2026, card: Card, query: str = "") -> str:
    L = p.L
    li_id = e.id()
    href = p.attr(f"/in/{card.slug}/{query}")
    ind = "\n" + " " * 14
    note = "<!---->"
    if card.note:
        lines = "<br>".join(plain_escape(line) for line in card.note.split("\n"))
        more = (f'<button class="lt-line-clamp__more" type="button">{L.more}</button>'
                if needs_more(card.note) else "<!---->")
        note = (f'<div class="invitation-card__custom-message-container">{ind}  '
                f'<div class="lt-line-clamp lt-line-clamp--multi-line ember-view" id="{e.id()}" '
                f'style="-webkit-line-clamp: 2">{ind}    {lines}{ind}    {more}{ind}  </div>{ind}</div>')
    headline = (f'<span class="invitation-card__subtitle t-14 t-black--light t-normal">{ind}  '
                f"{plain_escape(card.headline)}{ind}</span>") if card.headline else "<!---->"
    return f"""
        <li class="invitation-card artdeco-list__item invitation-card--selectable ember-view" id="{li_id}">
          <div class="invitation-card__container">
            <a data-control-name="profile" href="{href}" id="{e.id()}" class="invitation-card__link ember-view">
              <div class="invitation-card__picture">
                <img width="56" src="{p.attr(p.avatar())}" loading="lazy" height="56" alt="{p.attr(card.name)}" id="{e.id()}" class="lazy-image ivm-view-attr__img--centered EntityPhoto-circle-5 evi-image ember-view">
              </div>
            </a>
            <div class="invitation-card__details">
              <a data-control-name="profile" href="{href}" id="{e.id()}" class="invitation-card__link ember-view">
                <span class="invitation-card__title t-16 t-black t-bold">
                  {p.text(card.name)}
                </span>
              </a>
              {headline}
              <!---->
              <time class="time-badge t-12 t-black--light t-normal">
                {plain_escape(card.age_phrase)}
              </time>
              {note}
            </div>
          </div>
          <div class="invitation-card__action-container">
            <button class="invitation-card__action-btn artdeco-button artdeco-button--muted artdeco-button--3 artdeco-button--tertiary ember-view" aria-label="{p.attr(L.withdraw_label.format(name=card.name))}" data-control-name="withdraw_single" id="{e.id()}" type="button">
              <!---->
              <span class="artdeco-button__text">
                {L.withdraw}
              </span>
            </button>
          </div>
        </li>"""


def _legacy_pagination(e: Ember, page: int, pages: int) -> str:
    if pages <= 1:
        return "<!---->"
    prev_dis = " disabled" if page == 1 else ""
    next_dis = " disabled" if page == pages else ""
    shown = sorted({1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    items, last = [], 0
    for k in shown:
        if k > last + 1:
            items.append('<li class="artdeco-pagination__indicator artdeco-pagination__indicator--number">'
                         '<button aria-label="…" type="button"><span>…</span></button></li>')
        cur = ' aria-current="true"' if k == page else ""
        active = " active selected" if k == page else ""
        items.append(f'<li data-test-pagination-page-btn="{k}" class="artdeco-pagination__indicator '
                     f'artdeco-pagination__indicator--number{active} ember-view" id="{e.id()}">'
                     f'<button aria-label="Page {k}"{cur} type="button"><span>{k}</span></button></li>')
        last = k
    return (f'<div class="artdeco-pagination artdeco-pagination--has-controls ember-view" id="{e.id()}">\n'
            f'          <button aria-label="Previous" class="artdeco-pagination__button artdeco-pagination__button--previous '
            f'artdeco-button artdeco-button--muted artdeco-button--icon-left artdeco-button--1 artdeco-button--tertiary '
            f'ember-view"{prev_dis} type="button"><span class="artdeco-button__text">Previous</span></button>\n'
            f'          <ul class="artdeco-pagination__pages artdeco-pagination__pages--number">'
            + "".join(items) + "</ul>\n"
            f'          <button aria-label="Next" class="artdeco-pagination__button artdeco-pagination__button--next '
            f'artdeco-button artdeco-button--muted artdeco-button--icon-right artdeco-button--1 artdeco-button--tertiary '
            f'ember-view"{next_dis} type="button"><span class="artdeco-button__text">Next</span></button>\n'
            "        </div>")


def render_legacy_html(cards: list, lang: str, people_count: int, page_number: int, rnd: random.Random,
                       pages_count: int = 2, per_page: int = LEGACY_PER_PAGE, queries: dict | None = None) -> str:
    """Page `page_number` of the Sent tab in the earlier layout; `cards` are that page's cards.
    queries maps a card index to a query string appended to its /in/ links."""
    p = Page2026(rnd, lang)
    L = p.L
    e = Ember(rnd)
    total_pages = max(1, math.ceil(people_count / per_page)) if per_page else 1
    used = {cd.name for cd in cards}
    decoys = [p.noise_person(used) for _ in range(7)]
    rail = [p.noise_person(used) for _ in range(3)]
    queries = queries or {}
    lis = "".join(_card_legacy(e, p, cd, queries.get(i, "")) for i, cd in enumerate(cards))
    pymk = "".join(f"""
          <li class="discover-entity-card discover-entity-card--default-width ember-view" id="{e.id()}">
            <a data-control-name="pymk_profile" href="/in/{slug}/" id="{e.id()}" class="discover-entity-type-card__link ember-view">
              <img src="{p.attr(p.avatar())}" alt="{p.attr(name)}" class="lazy-image EntityPhoto-circle-7 ember-view">
              <span class="discover-person-card__name t-16 t-black t-bold">{p.text(name)}</span>
              <span class="discover-person-card__occupation t-14 t-black--light t-normal">{p.text(headline)}</span>
            </a>
            <button aria-label="{p.attr(L.connect_label.format(name=name))}" class="artdeco-button artdeco-button--2 artdeco-button--secondary ember-view" data-control-name="people_connect" id="{e.id()}" type="button"><span class="artdeco-button__text">{L.connect}</span></button>
          </li>""" for name, slug, headline in rail)
    icon = p.svg("legacy-icon")
    body = f"""<body dir="ltr" class="render-mode-BIGPIPE nav-v2 ember-application boot-complete icons-loaded">
  <a href="#{e.id()}" class="skip-link t-14">{L.nav[0]}</a>
  <div id="{e.id()}" class="application-outlet ember-view">
    <header id="global-nav" class="global-nav global-alert-offset-top">
      <nav class="global-nav__nav" aria-label="Primary Navigation">
        <ul class="global-nav__primary-items">
          {"".join(f'<li class="global-nav__primary-item"><a href="{path}" class="global-nav__primary-link ember-view" id="{e.id()}">{icon}<span class="t-12 global-nav__primary-link-text">{label}</span></a></li>' for label, path in zip(L.nav[1:6], NAV_PATHS))}
          <li class="global-nav__primary-item"><a href="/in/{MEMBER_SLUG}/" class="global-nav__primary-link global-nav__primary-link-me-menu-trigger ember-view" id="{e.id()}"><img src="{p.avatar()}" alt="{MEMBER_NAME}" class="global-nav__me-photo"><span class="t-12 global-nav__primary-link-text">{L.nav[6]}&nbsp;</span></a></li>
        </ul>
      </nav>
    </header>
    <!---->
    <main id="main" class="mn-invitation-manager" role="main">
      <section class="mn-invitation-manager__header artdeco-card ember-view" id="{e.id()}">
        <h1 class="t-18 t-black t-normal">{L.manage}</h1>
        <div class="artdeco-tabs artdeco-tabs--size-t-48 ember-view" id="{e.id()}">
          <a href="/mynetwork/invitation-manager/" class="artdeco-tab ember-view" id="{e.id()}" aria-selected="false">{L.received}</a>
          <a href="/mynetwork/invitation-manager/sent/" class="artdeco-tab active ember-view" id="{e.id()}" aria-selected="true">{L.sent}</a>
        </div>
        <div class="mn-filters-toolbar">
          <a href="/mynetwork/invitation-manager/sent/?invitationType=CONNECTION" class="artdeco-pill artdeco-pill--slate artdeco-pill--choice artdeco-pill--selected ember-view" id="{e.id()}" aria-pressed="true">
            {L.people.format(n=people_count)}
          </a>
          <a href="/mynetwork/invitation-manager/sent/?invitationType=ORGANIZATION" class="artdeco-pill artdeco-pill--slate artdeco-pill--choice ember-view" id="{e.id()}" aria-pressed="false">
            {L.pages.format(n=pages_count)}
          </a>
        </div>
      </section>
      <section class="mn-invitation-manager__invitations artdeco-card ember-view" id="{e.id()}">
        <ul class="artdeco-list mn-invitation-list">{lis}
        </ul>
        {_legacy_pagination(e, page_number, total_pages)}
      </section>
      <aside class="mn-community-summary ember-view" id="{e.id()}" aria-label="{L.pymk}">
        <h2 class="t-16 t-black t-normal">{L.pymk}</h2>
        <ul class="discover-fluid-entity-list">{pymk}
        </ul>
      </aside>
    </main>
    <footer class="global-footer">
      <ul>{"".join(f'<li><a href="{u}">{plain_escape(t)}</a></li>' for t, u in zip(L.footer, FOOTER_URLS))}</ul>
      <p>LinkedIn Corporation&nbsp;© 2026</p>
    </footer>
  </div>
  {p.decoy_blobs(decoys[3:], cards)}
</body>"""
    head = p.head(L.title_sent, SENT_URL, "d_flagship3_people_invitations", decoys[:3])
    return (f'<!DOCTYPE html>\n<html lang="{L.code}" class="theme theme--mercado artdeco windows">\n'
            f"{head}\n{body}\n</html>\n")


# --------------------------------------------------------------------------
# Select-all text copy


def _chrome_lines(L: Lang, people: int, pages: int) -> list:
    return [L.nav[0], "", *L.nav[1:], "", L.manage, L.received, L.sent,
            L.people.format(n=people), L.pages.format(n=pages)]


def _footer_lines(L: Lang) -> list:
    return ["", *L.footer, COPYRIGHT]


def render_text_copy(cards: list, lang: str, people_count: int, pages_count: int,
                     pymk: tuple = ()) -> str:
    """What select-all + copy of the Sent tab gives (LF line ends; no URLs). pymk: (name,
    headline) pairs for the right rail, copied after the list."""
    L = LANGS[lang]
    lines = _chrome_lines(L, people_count, pages_count)
    if not cards and people_count == 0:
        lines += [L.empty[0], L.empty[1]]
    for card in cards:
        lines.append(L.picture.format(name=card.name))
        lines.append(card.name)
        if card.headline:
            lines.append(card.headline)
        lines.append(card.age_phrase)
        if card.note:
            lines += card.note.split("\n")
            if needs_more(card.note):
                lines.append(L.more)
        lines.append(L.withdraw)
    if pymk:
        lines += [L.pymk]
        for name, headline in pymk:
            lines += [L.picture.format(name=name), name, headline, L.connect]
    lines += _footer_lines(L)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# MHTML (Chrome's "single file")


def strip_scripts(html):
    """Chrome leaves <script> elements out of an MHTML snapshot (str or UTF-8 bytes)."""
    if isinstance(html, bytes):
        return re.sub(rb"<script\b[^>]*>.*?</script>", b"", html, flags=re.S)
    return re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)


def quoted_printable(data: bytes) -> bytes:
    """RFC 2045 quoted-printable with CRLF hard and soft line breaks, lines <= 76."""
    data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    encoded = binascii.b2a_qp(data, quotetabs=False, istext=True, header=False)
    return encoded.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # CRLF soft breaks too


def rfc2047_q(text: str) -> str:
    out = []
    for byte in text.encode("utf-8"):
        ch = chr(byte)
        if ch == " ":
            out.append("_")
        elif 33 <= byte <= 126 and ch not in "=?_":
            out.append(ch)
        else:
            out.append(f"={byte:02X}")
    return "=?utf-8?Q?" + "".join(out) + "?="


def render_mhtml(html, date_header: str, rnd: random.Random, url: str = SENT_URL,
                 encode_subject: bool = False) -> bytes:
    """Chrome's MHTML of a page whose DOM serialises to `html` (str, or UTF-8 bytes for a big
    page); its scripts are removed here."""
    page = strip_scripts(html.encode("utf-8") if isinstance(html, str) else html)
    meta = b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
    if meta not in page[:4096]:
        page = page.replace(b"<head>", b"<head>" + meta, 1)
    title = re.search(rb"<title>(.*?)</title>", page[:65536], re.S)
    subject = (title.group(1).decode("utf-8") if title else "LinkedIn").replace("&amp;", "&")
    if encode_subject or not subject.isascii():
        subject = rfc2047_q(subject)
    boundary = "----MultipartBoundary--" + alnum(rnd, 42, B62) + "----"
    frame = f"<frame-{rnd.getrandbits(128):032X}@mhtml.blink>"
    css_url = f"https://static.licdn.com/aero-v1/sc/h/{alnum(rnd, 25)}"
    png_url = (f"https://media.licdn.com/dms/image/v2/D4E03AQ{alnum(rnd, 16, B62)}/"
               f"profile-displayphoto-shrink_100_100/0/{rnd.randint(1600000000000, 1790000000000)}")
    css = (f"@charset \"utf-8\";\n._{rnd.getrandbits(32):08x} {{ display: flex; }}\n"
           f".b{rnd.getrandbits(28):07x}::after {{ content: \"…\"; }}\n")
    png = base64.encodebytes(tiny_png((rnd.randrange(256), 90, 160))).replace(b"\n", b"\r\n")
    iframe = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head>'
              '<body><div id="tracking-frame" data-origin="https://www.linkedin.com/li/track"></div></body></html>')
    crlf = b"\r\n"
    head = crlf.join(x.encode("ascii") for x in (
        "From: <Saved by Blink>",
        f"Snapshot-Content-Location: {url}",
        f"Subject: {subject}",
        f"Date: {date_header}",
        "MIME-Version: 1.0",
        "Content-Type: multipart/related;",
        '\ttype="text/html";',
        f'\tboundary="{boundary}"', "", "", ""))

    def part(headers: list, body: bytes) -> bytes:
        return (f"--{boundary}".encode() + crlf + crlf.join(h.encode() for h in headers) + crlf + crlf
                + body.rstrip(b"\r\n") + crlf + crlf)

    out = head + part(["Content-Type: text/html", f"Content-ID: {frame}",
                       "Content-Transfer-Encoding: quoted-printable", f"Content-Location: {url}"],
                      quoted_printable(page))
    out += part(["Content-Type: text/css", "Content-Transfer-Encoding: quoted-printable",
                 f"Content-Location: {css_url}"], quoted_printable(css.encode("utf-8")))
    out += part(["Content-Type: image/png", "Content-Transfer-Encoding: base64",
                 f"Content-Location: {png_url}"], png)
    out += part(["Content-Type: text/html", f"Content-ID: <frame-{rnd.getrandbits(128):032X}@mhtml.blink>",
                 "Content-Transfer-Encoding: quoted-printable",
                 "Content-Location: https://www.linkedin.com/li/track"], quoted_printable(iframe.encode()))
    return out + f"--{boundary}--".encode() + crlf


# --------------------------------------------------------------------------
# Pages that are not the Sent tab (for refusal tests)


def render_received_2026_html(cards: list, lang: str, people_count: int, pages_count: int,
                              rnd: random.Random) -> str:
    """The Received tab: same lazy-column and listitems, but Ignore/Accept and no age/withdraw."""
    p = Page2026(rnd, lang)
    L, c = p.L, p.c
    used = {cd.name for cd in cards}
    decoys = [p.noise_person(used) for _ in range(7)]
    rail = [p.noise_person(used) for _ in range(3)]
    items = []
    for card in cards:
        href = p.attr(f"{IN_URL}{card.slug}/")
        mutual = MUTUAL.format(name=first_word(random_name(rnd, set(used))), n=rnd.randint(1, 9))
        note = (f'<div{c("note")} data-testid="expandable-text-box">'
                + "<br>".join(p.text(x) for x in card.note.split("\n")) + "</div>") if card.note else ""
        items.append(
            f'<div role="listitem" componentkey="{uuid_like(rnd)}"{c("card")}><div{c("card-row")}>'
            f'<a{c("avatar-link")} href="{href}" tabindex="-1"><img{c("avatar-img")} src="{p.attr(p.avatar())}" '
            f'alt="{p.attr(p.picture_alt(card.name))}" width="72" height="72"></a><div{c("card-body")}>'
            f'<a{c("name-link")} href="{href}"><p{c("name")}>{p.text(card.name)}</p></a>'
            f'<p{c("headline")}><span>{p.text(card.headline)}</span></p>'
            f'<p{c("mutual")}><span>{plain_escape(mutual)}</span></p>{note}</div>'
            f'<div{c("actions")}><button{c("ignore")} type="button" '
            f'aria-label="{p.attr("Ignore an invitation to connect from " + card.name)}"><span>Ignore</span></button>'
            f'<button{c("accept")} type="button" aria-label="{p.attr(f"Accept {card.name}’s invitation")}">'
            f"<span>Accept</span></button></div></div></div>")
    body = (f'<div{c("app")} id="root"><main{c("main")} id="main-content"><section{c("manager")}>'
            + p.tabs("received", people_count, pages_count)
            + f'<div data-testid="lazy-column" componentkey="{uuid_like(rnd)}"{c("column")}>'
            + "".join(items) + "</div></section>" + p.pymk(rail) + "</main></div>")
    return p.document(L.title_received, RECEIVED_URL, "d_flagship3_people_invitations", body, decoys, cards)


def render_received_copy(cards: list, lang: str, people_count: int, pages_count: int, rnd: random.Random) -> str:
    L = LANGS[lang]
    lines = _chrome_lines(L, people_count, pages_count)
    for card in cards:
        lines += [L.picture.format(name=card.name), card.name, card.headline,
                  MUTUAL.format(name=rnd.choice(FIRST_NAMES), n=rnd.randint(1, 9))]
        if card.note:
            lines += card.note.split("\n")
        lines += ["Ignore", "Accept"]
    return "\n".join(lines + _footer_lines(L)) + "\n"


def render_profile_html(rnd: random.Random) -> str:
    p = Page2026(rnd, "en")
    c = p.c
    used: set = set()
    name, slug, headline = p.noise_person(used)
    decoys = [p.noise_person(used) for _ in range(7)]
    also = [p.noise_person(used) for _ in range(4)]
    viewed = "".join(
        f'<li{c("also-item")}><a{c("also-link")} href="{IN_URL}{s}/"><img src="{p.attr(p.avatar())}" '
        f'alt="{p.attr(p.picture_alt(n))}"><span{c("also-name")}>{p.text(n)}</span></a>'
        f'<span{c("also-headline")}>{p.text(h)}</span>'
        f'<button{c("connect")} aria-label="{p.attr(f"Invite {n} to connect")}" type="button">'
        f"<span>Connect</span></button></li>" for n, s, h in also)
    body = (f'<main{c("main")} id="main-content"><section{c("top-card")}>'
            f'<img{c("cover")} src="{p.static("png")}" alt="Background photo">'
            f'<img{c("photo")} src="{p.attr(p.avatar())}" alt="{p.attr(name)}">'
            f'<h1{c("h1")}>{p.text(name)}</h1><div{c("headline")}>{p.text(headline)}</div>'
            f'<span{c("loc")}>Porto, Portugal</span><a{c("contact")} href="{IN_URL}{slug}/overlay/contact-info/">'
            f"Contact info</a><span{c('conns')}>500+ connections</span>"
            f'<div{c("actions")}><button{c("connect")} type="button" aria-label="{p.attr(f"Invite {name} to connect")}">'
            f'{p.svg("btn-icon")}<span>Connect</span></button><a{c("message")} href="{WWW}/messaging/compose/?recipient={slug}">'
            f'<span>Message</span></a><button{c("more")} type="button" aria-label="More actions"><span>More</span></button></div>'
            f'</section><section{c("about")}><h2>About</h2><p>{p.text("Building calm, boring systems & the teams behind them. Opinions are my own.")}</p>'
            f'</section><section{c("activity")}><h2>Activity</h2><p>{p.text(first_word(name))} posted this • 3w</p></section>'
            f'<aside{c("rail")}><h2>People also viewed</h2><ul>{viewed}</ul></aside></main>')
    return p.document(f"(3) {name} | LinkedIn", f"{IN_URL}{slug}/", "d_flagship3_profile_view_base", body, decoys, [])


def render_login_html(rnd: random.Random) -> str:
    p = Page2026(rnd, "en")
    c = p.c
    csrf = alnum(rnd, 36, B62)
    return ("<!DOCTYPE html>"
            f'<html lang="en"><head><meta charset="utf-8"><title>LinkedIn Login, Sign in | LinkedIn</title>'
            f'<link rel="canonical" href="{WWW}/login"><link rel="stylesheet" href="{p.static("css")}">'
            f'<script src="{p.static("js")}" async></script></head>'
            f'<body{c("body")}><header{c("header")}><a href="{WWW}/">{p.svg("logo", "LinkedIn")}</a></header>'
            f'<main{c("main")}><div{c("card")}><h1{c("h1")}>Sign in</h1>'
            f'<p{c("sub")}>Stay updated on your professional world</p>'
            f'<form method="post" action="{WWW}/checkpoint/lg/login-submit" novalidate>'
            f'<input name="loginCsrfParam" value="{csrf}" type="hidden">'
            f'<label for="username">Email or phone</label>'
            f'<input id="username" name="session_key" type="email" autocomplete="username" required>'
            f'<label for="password">Password</label>'
            f'<input id="password" name="session_password" type="password" autocomplete="current-password" required>'
            f'<a href="{WWW}/checkpoint/rp/request-password-reset">Forgot password?</a>'
            f'<button{c("submit")} type="submit" aria-label="Sign in">Sign in</button></form>'
            f'<p>New to LinkedIn? <a href="{WWW}/signup">Join now</a></p></div></main>'
            f"{p.footer()}</body></html>\n")


def render_search_html(rnd: random.Random) -> str:
    p = Page2026(rnd, "en")
    c = p.c
    used: set = set()
    decoys = [p.noise_person(used) for _ in range(7)]
    items = []
    for i in range(8):
        name, slug, headline = p.noise_person(used)
        href = f"{IN_URL}{slug}/?miniProfileUrn=urn%3Ali%3Afsd_profile%3AACoAA{alnum(rnd, 18, B62)}"
        if i == 2:  # a person the member already invited: LinkedIn shows Pending
            button = (f'<button{c("pending")} type="button" aria-label="{p.attr(f"Pending, click to withdraw invitation sent to {name}")}">'
                      "<span>Pending</span></button>")
        elif i == 5:
            button = f'<a{c("message")} href="{WWW}/messaging/compose/"><span>Message</span></a>'
        else:
            button = (f'<button{c("connect")} type="button" aria-label="{p.attr(f"Invite {name} to connect")}">'
                      "<span>Connect</span></button>")
        items.append(
            f'<div role="listitem" componentkey="{uuid_like(rnd)}"{c("result")}>'
            f'<a{c("result-link")} href="{p.attr(href)}"><img src="{p.attr(p.avatar())}" alt="{p.attr(name)}">'
            f'<span{c("result-name")}><span aria-hidden="true">{p.text(name)}</span>'
            f'<span class="visually-hidden">View {p.text(name)}’s profile</span></span></a>'
            f'<div{c("result-headline")}>{p.text(headline)}</div><div{c("result-loc")}>Lisbon, Portugal</div>'
            f'<p{c("result-ins")}>{rnd.randint(1, 30)} mutual connections</p>{button}</div>')
    body = (f'<main{c("main")} id="main-content"><h2{c("h2")}>About 2,300 results</h2>'
            f'<div role="list"{c("results")}>' + "".join(items) + "</div>"
            f'<div{c("pager")}><button aria-label="Next" type="button"><span>Next</span></button></div></main>')
    return p.document("(3) Search | LinkedIn", f"{WWW}/search/results/people/?keywords=data%20platforms",
                      "d_flagship3_search_srp_people", body, decoys, [])


NOT_A_PAGE = """Notes from the allotment committee, Thursday

Present: the usual six, plus two newcomers from plot 14.

1. Water butts. The quote was sent 2 weeks ago and nobody has replied; Priya will chase.
2. Compost. We agreed to withdraw the request for a second bay until spring.
3. Seed swap: people (12) signed up so far; pages of the sign-up sheet are on the shed door.

Next meeting in a month. Bring mugs.
"""

# --------------------------------------------------------------------------
# Fixtures


@dataclass
class FixtureCard:
    card: Card
    sent: dt.datetime  # the true send time (UTC)
    in_export: bool = True


def _special_people(lang: str) -> list:
    """(name, slug style, note kind) that a language's fixture must contain."""
    return {
        "en": [("José Núñez", "hex", "generic"), ("Lena Müller", "utf8", "personal"),
               ("Zoë Whitaker", "vanity", "none"), ("Wanjiru Ngũgĩ", "hex", "personal"),
               ("Chidi Okafor, CFA", "hex", "generic"), ("Siobhan O'Brien", "hex", "quote"),
               ("Maya 🚀 Lindqvist", "hex", "emoji")],
        "de": [("Jürgen Müller", "utf8", "personal"), ("Zoë Schäfer", "hex", "generic"),
               ("Björn Weiß", "hex", "none")],
        "pt": [("João Gonçalves", "hex", "personal"), ("Wanjiru Ngũgĩ", "hex", "generic")],
        "fr": [("Élodie Lefèvre", "hex", "personal"), ("Zoë Dubois", "vanity", "generic")],
        "es": [("José Núñez", "hex", "personal"), ("Ximena Hernández", "hex", "generic")],
    }[lang]


def fixture_cards(rnd: random.Random, lang: str, count: int, same_name: bool = False) -> list:
    """`count` made-up cards, newest first, using every age phrase of the language; English also
    gets two cards with one full name (same age phrase, so the age cannot tell them apart)."""
    L = LANGS[lang]
    keys = age_keys_for(lang, count)
    if same_name:  # make sure two cards share "w3"
        keys = sorted(list(L.ages) + ["w3", "d5", "mo3"], key=list(L.ages).index)[:count]
    specials = _special_people(lang)
    used = {base_name(n) for n, _, _ in specials}
    people = [(n, s, k) for n, s, k in specials]
    pair = random_name(rnd, used) if same_name else None
    while len(people) < count - (2 if same_name else 0):
        people.append((random_name(rnd, used), "hex", None))
    rnd.shuffle(people)
    if same_name:
        w3 = keys.index("w3")
        people[w3:w3] = [(pair, "hex", "none"), (pair, "hex", "generic")]
    slugs = SlugMaker(rnd)
    randoms = [i for i, person in enumerate(people) if person[2] is None]
    # English: a note with a blank line, one of three lines and a long one, each at least once.
    forced = dict(zip(randoms, (3, 2, 4))) if lang == "en" else {}
    no_headline = randoms[-1]
    out = []
    for i, ((name, style, kind), key) in enumerate(zip(people, keys)):
        first = first_word(name)
        if kind == "quote":
            note = f"Hi {first}, loved your talk on \"boring tech\" & happy teams - let's connect!"
        elif kind == "emoji":
            note = f"Hej {first}! 🚀 Fellow climate tech person here."
        elif i in forced:
            note = PERSONAL_NOTES["en"][forced[i]].format(first=first, topic=rnd.choice(TOPICS),
                                                          company=rnd.choice(COMPANIES[:12]))
        else:
            note = random_note(rnd, lang, first, kind)
        headline = "" if i == no_headline else random_headline(rnd, lang)
        card = Card(name, slugs.make(name, style), headline, L.ages[key], note)
        out.append(FixtureCard(card, sent_time_for(key, rnd)))
    out.sort(key=lambda fc: fc.sent, reverse=True)  # the page lists the newest first
    return out


def format_sent_at(t: dt.datetime) -> str:
    return f"{t.month}/{t.day}/{t.year % 100:02d}, {t.hour % 12 or 12}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_connected_on(d: dt.date) -> str:
    return f"{d.day:02d} {MONTH_ABBR[d.month - 1]} {d.year}"


def csv_field(text: str) -> str:
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


@dataclass
class Row:
    name: str
    url: str
    sent: dt.datetime
    message: str
    direction: str
    role: str  # card | gone | accepted | future | incoming

    def line(self) -> str:
        other = (MEMBER_NAME, self.name) if self.direction == "OUTGOING" else (self.name, MEMBER_NAME)
        urls = (MEMBER_URL, self.url) if self.direction == "OUTGOING" else (self.url, MEMBER_URL)
        return ",".join(csv_field(x) for x in (*other, format_sent_at(self.sent), self.message,
                                                self.direction, *urls))


def build_export(rnd: random.Random, cards: list, used_names: set) -> tuple:
    """(rows newest first, Invitations.csv text, Connections.csv text) for the English cards."""
    slugs = SlugMaker(rnd)
    slugs.used |= {fc.card.slug for fc in cards}
    rows = [Row(fc.card.name, IN_URL + fc.card.slug, fc.sent, fc.card.note, "OUTGOING", "card")
            for fc in cards if fc.in_export]
    now = SNAPSHOT.replace(second=0)

    def person() -> tuple:
        name = random_name(rnd, used_names)
        return name, IN_URL + slugs.make(name)
    for days in (12, 40, 75):
        name, url = person()
        rows.append(Row(name, url, now - dt.timedelta(days=days, minutes=rnd.randint(0, 600)),
                        random_note(rnd, "en", first_word(name), "generic"), "OUTGOING", "gone"))
    name, url = person()
    accepted = Row(name, url, now - dt.timedelta(days=9, minutes=rnd.randint(0, 600)), "", "OUTGOING", "accepted")
    rows.append(accepted)
    name, url = person()
    rows.append(Row(name, url, AFTER_SNAPSHOT, random_note(rnd, "en", first_word(name), "personal"),
                    "OUTGOING", "future"))
    incoming = []
    for days in (3, 20):
        name, url = person()
        incoming.append(Row(name, url, now - dt.timedelta(days=days, minutes=rnd.randint(0, 600)),
                            f"Hi Robin, we met at the {rnd.choice(TOPICS)} meetup - great chatting!",
                            "INCOMING", "incoming"))
    rows += incoming
    rows.sort(key=lambda r: r.sent, reverse=True)
    invitations = INVITATIONS_HEADER + "\n" + "".join(r.line() + "\n" for r in rows)

    conns = [(accepted, (accepted.sent + dt.timedelta(days=5)).date())]
    for _ in range(4):
        name, url = person()
        conns.append((Row(name, url, now, "", "", "old"),
                      dt.date(2019 + rnd.randrange(6), 1 + rnd.randrange(12), 1 + rnd.randrange(28))))
    conns.sort(key=lambda x: x[1], reverse=True)
    lines = []
    for row, day in conns:
        first, _, last = base_name(row.name).partition(" ")
        lines.append(",".join(csv_field(x) for x in (first, last, row.url, "", rnd.choice(COMPANIES),
                                                    rnd.choice(ROLES["en"]),
                                                    format_connected_on(day))))
    connections = CONNECTIONS_PREAMBLE + CONNECTIONS_HEADER + "".join("\n" + x for x in lines)
    return rows, invitations, connections


def mf(text: str) -> str:
    """A MANIFEST text field: decoded text, \\n \\t \\\\ escaped, '-' when empty."""
    if not text:
        return "-"
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class Manifest:
    def __init__(self, seed: int):
        self.lines = [
            f"# Made-up saved LinkedIn Sent-invitations pages: tools/gen_sent_page.py fixtures --seed {seed}",
            "# Tab-separated; '-' = none; in text fields \\n = newline, \\t = tab, \\\\ = backslash.",
            "# FILE\tfile\tverdict(sent|refuse)\tlayout(2026|legacy|copy|-)\tform(html|complete|mhtml|text)"
            "\tlang\tcards\tpeople(N|none)\tpages(N|none)\twhat",
            "# CARD\tfile\tindex\tname\tslug(as in the href; - in a text copy)\tage phrase\tnote",
            "# LEDGER\tfile\toutcome(matched|new|ambiguous|gone|unaffected)\tname\tprofile URL|-\tSent At|-\twhy",
            "# EXPORT\tpath\trows\twhat",
            f"# Snapshot 2026-12-01 09:14:03 UTC; member {MEMBER_NAME} {MEMBER_URL}/ (the nav's Me link, never a card).",
        ]

    def file(self, name, verdict, layout, form, lang, cards, people, pages, what, card_list=(), slugs=True):
        self.lines.append("\t".join(["FILE", name, verdict, layout, form, lang, str(len(cards) if cards is not None else 0),
                                     "none" if people is None else str(people),
                                     "none" if pages is None else str(pages), what]))
        for i, cd in enumerate(card_list, 1):
            self.lines.append("\t".join(["CARD", name, str(i), mf(cd.name), cd.slug if slugs else "-",
                                         mf(cd.age_phrase), mf(cd.note)]))

    def ledger(self, name, outcome, who, url, sent_at, why):
        self.lines.append("\t".join(["LEDGER", name, outcome, mf(who), url or "-", sent_at or "-", why]))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def ledger_lines(m: Manifest, page: str, shown: list, rows: list, complete: bool, by_url: bool) -> None:
    card_rows = {r.url: r for r in rows if r.role == "card"}
    names = {}
    for r in rows:
        if r.direction == "OUTGOING":
            names.setdefault(r.name, []).append(r)
    shown_urls = {IN_URL + fc.card.slug for fc in shown}
    shown_names = {fc.card.name for fc in shown}
    for fc in shown:
        url = IN_URL + fc.card.slug
        if by_url:
            row = card_rows.get(url)
            if row:
                m.ledger(page, "matched", fc.card.name, row.url, format_sent_at(row.sent), "by-url")
            else:
                m.ledger(page, "new", fc.card.name, url, None, "not-in-export")
        else:
            same = names.get(fc.card.name, [])
            if len(same) == 1:
                m.ledger(page, "matched", fc.card.name, same[0].url, format_sent_at(same[0].sent), "by-name")
            elif same:
                m.ledger(page, "ambiguous", fc.card.name, None, None, f"{len(same)}-rows-share-the-name")
            else:
                m.ledger(page, "new", fc.card.name, None, None, "not-in-export")
    for r in rows:
        if r.direction != "OUTGOING":
            continue
        on_page = r.url in shown_urls if by_url else r.name in shown_names
        if on_page and (by_url or len(names[r.name]) == 1):
            continue
        if on_page:
            why = "ambiguous-name"
        elif r.role == "accepted":
            why = "accepted"
        elif r.role == "future":
            why = "sent-after-snapshot"
        elif not complete:
            why = "partial-page"
        else:
            m.ledger(page, "gone", r.name, r.url, format_sent_at(r.sent), "missing-from-complete-page")
            continue
        m.ledger(page, "unaffected", r.name, r.url, format_sent_at(r.sent), why)


def run_fixtures(args: argparse.Namespace) -> None:
    rnd = random.Random(args.seed)
    out: Path = args.out
    written: list = []

    def write(name: str, data, crlf: bool = False, bom: bool = False) -> None:
        if isinstance(data, str):
            if crlf:
                data = data.replace("\n", "\r\n")
            data = ("\ufeff" if bom else "") + data
            data = data.encode("utf-8")
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)

    m = Manifest(args.seed)
    en = fixture_cards(rnd, "en", 15, same_name=True)
    # Two cards the export lacks: the year-old one (older than the export's window) and one more.
    en[-1].in_export = False
    [fc for fc in en if fc.card.age_phrase == "Sent 5 days ago"][0].in_export = False
    cards = [fc.card for fc in en]
    n = len(cards)

    write("sent_2026_en.html", render_2026_html(cards, "en", n, 3, rnd))
    m.file("sent_2026_en.html", "sent", "2026", "html", "en", cards, n, 3, "HTML only", cards)
    html = render_2026_html(cards, "en", n, 3, rnd, complete_assets_base="sent_2026_en_complete")
    written += write_complete_page(out, "sent_2026_en_complete", html)
    m.file("sent_2026_en_complete.html", "sent", "2026", "complete", "en", cards, n, 3,
           "Webpage, complete; assets in sent_2026_en_complete_files/", cards)
    write("sent_2026_en.mhtml", render_mhtml(render_2026_html(cards, "en", n, 3, rnd), SNAPSHOT_DATE_HEADER,
                                             rnd, encode_subject=True))
    m.file("sent_2026_en.mhtml", "sent", "2026", "mhtml", "en", cards, n, 3,
           "Chrome single file; Subject RFC 2047 Q-encoded; CRLF", cards)
    partial = cards[:12]
    write("sent_2026_en_partial.html", render_2026_html(partial, "en", 40, 3, rnd))
    m.file("sent_2026_en_partial.html", "sent", "2026", "html", "en", partial, 40, 3,
           "partial: People (40), the member did not scroll; the newest 12 of sent_2026_en's cards", partial)
    query = {3: f"?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAA{alnum(rnd, 18, B62)}"}
    write("sent_legacy_en.html", render_legacy_html(cards, "en", n, 1, rnd, pages_count=3, queries=query))
    m.file("sent_legacy_en.html", "sent", "legacy", "html", "en", cards, n, 3,
           "earlier layout, page 1 of 1, relative /in/ links; card 4's links carry a ?miniProfileUrn= query", cards)
    used = {base_name(c.name) for c in cards}
    pymk = tuple((random_name(rnd, used), random_headline(rnd, "en")) for _ in range(3))
    write("sent_copy_en.txt", render_text_copy(cards, "en", n, 3, pymk))
    m.file("sent_copy_en.txt", "sent", "copy", "text", "en", cards, n, 3, "select-all text copy, LF", cards,
           slugs=False)

    for lang, count in (("de", 12), ("pt", 11), ("fr", 12), ("es", 13)):
        lc = [fc.card for fc in fixture_cards(rnd, lang, count)]
        pages = rnd.randint(0, 4)
        write(f"sent_2026_{lang}.html", render_2026_html(lc, lang, count, pages, rnd))
        m.file(f"sent_2026_{lang}.html", "sent", "2026", "html", lang, lc, count, pages, "HTML only", lc)
        crlf, bom = lang == "de", lang == "es"
        used = {base_name(c.name) for c in lc}
        pymk = tuple((random_name(rnd, used), random_headline(rnd, lang)) for _ in range(2))
        write(f"sent_copy_{lang}.txt", render_text_copy(lc, lang, count, pages, pymk), crlf=crlf, bom=bom)
        m.file(f"sent_copy_{lang}.txt", "sent", "copy", "text", lang, lc, count, pages,
               "select-all text copy, " + ("CRLF" if crlf else "LF") + (", UTF-8 BOM" if bom else ""),
               lc, slugs=False)

    write("sent_2026_en_empty.html", render_2026_html([], "en", 0, 2, rnd))
    m.file("sent_2026_en_empty.html", "sent", "2026", "html", "en", [], 0, 2,
           "a valid Sent page with nothing pending (empty state); no card may come from the noise")
    used = set()
    slugs = SlugMaker(rnd)
    received = []
    for _ in range(6):
        name = random_name(rnd, used)
        received.append(Card(name, slugs.make(name), random_headline(rnd, "en"), "",
                             random_note(rnd, "en", first_word(name), "generic")
                             if rnd.random() < 0.4 else ""))
    write("received_2026_en.html", render_received_2026_html(received, "en", len(received), 1, rnd))
    m.file("received_2026_en.html", "refuse", "-", "html", "en", [], None, None,
           "the Received tab: lazy-column and listitems with Accept/Ignore; People (6) links to /received/")
    write("received_copy_en.txt", render_received_copy(received, "en", len(received), 1, rnd))
    m.file("received_copy_en.txt", "refuse", "-", "text", "en", [], None, None,
           "text copy of the Received tab: Ignore/Accept lines, no withdraw line")
    write("profile_en.html", render_profile_html(rnd))
    m.file("profile_en.html", "refuse", "-", "html", "en", [], None, None, "a made-up profile page with Connect/Message")
    write("login_en.html", render_login_html(rnd))
    m.file("login_en.html", "refuse", "-", "html", "en", [], None, None, "LinkedIn's sign-in form")
    write("search_en.html", render_search_html(rnd))
    m.file("search_en.html", "refuse", "-", "html", "en", [], None, None,
           "people search results: listitems with Connect, one 'Pending, click to withdraw invitation sent to ...'")
    write("not_a_page.txt", NOT_A_PAGE)
    m.file("not_a_page.txt", "refuse", "-", "text", "en", [], None, None, "unrelated prose")

    rows, invitations, connections = build_export(rnd, en, {base_name(c.name) for c in cards})
    write(f"{EXPORT_DIR}/Invitations.csv", invitations)
    write(f"{EXPORT_DIR}/Connections.csv", connections)
    m.lines.append(f"# The export {EXPORT_DIR}/ and what reading each English page after importing it must give.")
    m.lines.append("\t".join(["EXPORT", f"{EXPORT_DIR}/Invitations.csv", str(len(rows)),
                              f"{sum(r.direction == 'OUTGOING' for r in rows)} OUTGOING from {MEMBER_NAME} "
                              f"(13 card rows, 3 gone, 1 accepted, 1 sent after the snapshot), 2 INCOMING"]))
    m.lines.append("\t".join(["EXPORT", f"{EXPORT_DIR}/Connections.csv", "5",
                              "the accepted invitee plus 4 older connections"]))
    for page, shown, complete, by_url in (
            ("sent_2026_en.html", en, True, True), ("sent_2026_en_complete.html", en, True, True),
            ("sent_2026_en.mhtml", en, True, True), ("sent_legacy_en.html", en, True, True),
            ("sent_2026_en_partial.html", en[:12], False, True), ("sent_copy_en.txt", en, True, False)):
        ledger_lines(m, page, shown, rows, complete, by_url)
    write("MANIFEST.txt", m.text())
    total = sum(p.stat().st_size for p in written)
    print(f"fixtures: seed {args.seed}: {len(written)} files, {total} bytes in {out}", file=sys.stderr)


# --------------------------------------------------------------------------
# Big mode


def big_cards(rnd: random.Random, lang: str, count: int) -> list:
    slugs = SlugMaker(rnd)
    keys = list(LANGS[lang].ages)
    out = []
    for i in range(count):
        name = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
        if rnd.random() < 0.01:
            name += ", " + rnd.choice(("CFA", "MBA", "PhD"))
        key = keys[i * len(keys) // count]
        out.append(Card(name, slugs.make(name), random_headline(rnd, lang) if rnd.random() < 0.97 else "",
                        LANGS[lang].ages[key], random_note(rnd, lang, first_word(name))))
    return out


def english_age(days: int) -> str:
    """The page's English age phrase for an invitation sent `days` whole days ago."""
    if days <= 0:
        return "Sent today"
    if days == 1:
        return "Sent yesterday"
    if days < 7:
        return f"Sent {days} days ago"
    if days < 28:
        weeks = days // 7
        return f"Sent {weeks} week{'s' if weeks > 1 else ''} ago"
    if days < 365:
        months = max(1, days // 30)
        return f"Sent {months} month{'s' if months > 1 else ''} ago"
    years = days // 365
    return f"Sent {years} year{'s' if years > 1 else ''} ago"


def pending_cards(path: Path, rnd: random.Random) -> list:
    """Cards for the people of an `invitekeeper --json pending` document, newest first as
    the page lists them: a page of the member's own ledger, for benchmarks."""
    items = json.loads(path.read_text(encoding="utf-8"))["items"]
    out = []
    for it in sorted(items, key=lambda i: i["sent_at"], reverse=True):
        url = it["profile_url"]
        slug = url.rstrip("/").rsplit("/in/", 1)[-1] if "/in/" in url else ""
        out.append(Card(it["name"], slug, random_headline(rnd, "en"), english_age(it["age_days"]), it.get("note", "")))
    return out


def splice_pad(html: str, rnd: random.Random, pad_bytes: int, kind: str, lang: str) -> bytes:
    """The page as UTF-8 with make_pad's noise before </head> and before </body>, joined as bytes
    (the pad is ASCII, so a 100 MB page costs a few hundred MB here, not gigabytes)."""
    data = html.encode("utf-8")
    if pad_bytes <= 0:
        return data
    before, after = make_pad(rnd, pad_bytes, kind, lang)
    i, j = data.index(b"</head>"), data.rindex(b"</body>")
    return b"".join((data[:i], before.encode("ascii"), data[i:j], after.encode("ascii"), data[j:]))


def run_big(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    rnd = random.Random(args.seed)
    if args.layout == "copy" and (args.mhtml or args.pad_mb):
        parser.error("--mhtml and --pad-mb apply to the HTML layouts only")
    if args.from_pending and args.lang != "en":
        parser.error("--from-pending writes English age phrases: use --lang en")
    cards = (pending_cards(args.from_pending, rnd) if args.from_pending else []) + big_cards(rnd, args.lang, args.cards)
    people = args.people if args.people is not None else len(cards)
    pad = args.pad_mb << 20
    out: Path = args.out
    outputs = []
    if args.layout == "copy":
        outputs.append((out, render_text_copy(cards, args.lang, people, 2).encode("utf-8")))
    elif args.layout == "2026":
        html = render_2026_html(cards, args.lang, people, 2, rnd)
        outputs.append((out, splice_pad(html, rnd, pad, "code" if args.mhtml else "script", args.lang)))
    else:
        per = args.per_page or len(cards) or 1
        chunks = [cards[i:i + per] for i in range(0, max(len(cards), 1), per)]
        for k, chunk in enumerate(chunks, 1):
            html = render_legacy_html(chunk, args.lang, people, k, rnd, per_page=args.per_page)
            html = splice_pad(html, rnd, pad, "code" if args.mhtml else "script", args.lang)
            path = out if k == 1 else out.with_name(f"{out.stem}.page{k}{out.suffix}")
            outputs.append((path, html))
    for path, data in outputs:
        if args.mhtml:
            data = render_mhtml(data, SNAPSHOT_DATE_HEADER, rnd)
        path.write_bytes(data)
        print(f"big: {path}: {len(data)} bytes", file=sys.stderr)
        del data
    print(f"big: seed {args.seed}, layout {args.layout}{' (MHTML)' if args.mhtml else ''}, lang {args.lang}: "
          f"{len(cards)} cards, People ({people}), pad {args.pad_mb} MB", file=sys.stderr)


# --------------------------------------------------------------------------
# Command line


def build_parser() -> tuple:
    parser = argparse.ArgumentParser(
        prog="gen_sent_page.py",
        description="Generate made-up, deterministic saved copies of LinkedIn's Sent-invitations page "
                    "(standard library only). Same arguments, same bytes.",
        epilog="modes:\n"
               "  fixtures  gen_sent_page.py fixtures --out DIR [--seed 20261201]\n"
               "  big       gen_sent_page.py big --out FILE --cards 1500 [--layout 2026|legacy|copy]\n"
               "            [--lang en] [--mhtml] [--pad-mb N] [--from-pending JSON] [--seed 7]\n"
               "The module docstring describes the layouts, the noise and MANIFEST.txt.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True, metavar="{fixtures,big}")
    fx = sub.add_parser("fixtures", help="the test fixture set with MANIFEST.txt",
                        description="Write the fixture pages, a matching export folder and MANIFEST.txt to DIR.")
    fx.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder (created)")
    fx.add_argument("--seed", type=int, default=20261201, help="random seed (default: %(default)s)")
    big = sub.add_parser("big", help="one large page for benchmarks",
                         description="Write one large Sent page (legacy: one file per 100 cards).")
    big.add_argument("--out", type=Path, required=True, metavar="FILE", help="output file")
    big.add_argument("--cards", type=whole_number(0), default=1500, help="cards (default: %(default)s)")
    big.add_argument("--people", type=whole_number(0), default=None,
                     help="the People (N) count (default: the number of cards)")
    big.add_argument("--layout", choices=("2026", "legacy", "copy"), default="2026")
    big.add_argument("--lang", choices=tuple(LANGS), default="en")
    big.add_argument("--mhtml", action="store_true", help="save as Chrome MHTML")
    big.add_argument("--pad-mb", type=whole_number(0), default=0, metavar="N",
                     help="add N MiB of script noise (code blobs under --mhtml)")
    big.add_argument("--per-page", type=whole_number(0), default=LEGACY_PER_PAGE, metavar="N",
                     help="legacy cards per page, 0 = all on one page (default: %(default)s)")
    big.add_argument("--from-pending", type=Path, default=None, metavar="JSON",
                     help="first, a card for each invitation of this `invitekeeper --json pending` output "
                          "(--cards made-up ones follow)")
    big.add_argument("--seed", type=int, default=7, help="random seed (default: %(default)s)")
    return parser, {"fixtures": fx, "big": big}


def main(argv: list | None = None) -> int:
    parser, modes = build_parser()
    args = parser.parse_args(argv)
    mode_parser = modes[args.mode]
    folder = args.out if args.mode == "fixtures" else args.out.parent
    if folder.exists() and not folder.is_dir():
        mode_parser.error(f"{folder} exists and is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        mode_parser.error(f"cannot create {folder}: {err.strerror}")
    if args.mode == "fixtures":
        run_fixtures(args)
    else:
        run_big(args, mode_parser)
    return 0


if __name__ == "__main__":
    sys.exit(main())
