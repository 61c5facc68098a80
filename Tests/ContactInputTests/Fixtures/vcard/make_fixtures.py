#!/usr/bin/env python3
"""Writes the vCard fixtures of issue 19 byte for byte as each program writes its export.

Run from this folder: python3 make_fixtures.py. The files are committed; this script documents
how each one was made (folding, line ends, charset, quirks). The older fixtures here were written
by hand.
"""

CRLF = b'\r\n'


def fold_octets(line, width=75):
    """Folds every `width` octets with CRLF + space, blind to characters: a fold may fall inside
    a UTF-8 sequence (what the ownCloud export in issue 19 does: "ο" = CE, CRLF, space, BF)."""
    out, rest = [line[:width]], line[width:]
    while rest:
        out.append(b' ' + rest[:width - 1])
        rest = rest[width - 1:]
    return CRLF.join(out)


def fold_sabre4(line):
    """Sabre VObject 4.x (Property::serialize): 75 octets on the first line, then a space and 74,
    never before a continuation byte (its regex `(?![\\x80-\\xbf])`), so characters stay whole."""
    out, start, width = [], 0, 75
    while len(line) - start > width:
        end = start + width
        while 0x80 <= line[end] <= 0xBF:
            end -= 1
        out.append(line[start:end])
        start, width = end, 74
    out.append(line[start:])
    return (CRLF + b' ').join(out)


def card(lines, fold):
    return b''.join(fold(line.encode('utf-8')) + CRLF for line in lines)


def splits(data):
    """The characters a fold cuts in two, as (character, bytes before the fold)."""
    found = []
    for at in range(len(data) - 3):
        if data[at:at + 3] == b'\r\n ' and 0x80 <= data[at + 3] <= 0xBF:
            lead = at - 1
            while 0x80 <= data[lead] <= 0xBF:
                lead -= 1
            whole = data[lead:at] + data[at + 3:at + 3 + 4]
            found.append((whole.decode('utf-8', 'ignore')[:1], at - lead))
    return found


# Nextcloud / ownCloud: Contacts → address book → Download (Sabre's VCFExportPlugin: the cards one
# after another, CRLF, UTF-8 without a byte-order mark, VERSION first, PRODID as Sabre writes it).
# Card 1 is folded blind to characters, as the file was: its NOTE is cut inside Greek (ε),
# Bopomofo (ㄨ, two of its three bytes before the fold) and Cyrillic (а), its ORG and ADR inside
# Greek.
# Card 2 is folded the way Sabre 4 itself folds (whole characters); card 3 holds only messengers.
greek_card = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'PRODID:-//Sabre//Sabre VObject 4.5.4//EN',
    'UID:5d0c8a4e-3b1f-4e27-9a6c-2f7e1d9b0c53',
    'FN:Σοφία Παπαδοπούλου',
    'N:Παπαδοπούλου;Σοφία;;;',
    'ORG:Ελληνικά Ηλεκτρονικά Συστήματα Α.Ε.;Τμήμα Εξαγωγών προς Ταϊβάν και Ρωσία',
    'TITLE:Διευθύντρια Πωλήσεων',
    'EMAIL;TYPE=WORK:sofia.papadopoulou@example.gr',
    'TEL;TYPE=CELL:+30 691 234 5678',
    'ADR;TYPE=WORK:;;Λεωφόρος Βασιλίσσης Σοφίας 12;Αθήνα;Αττική;106 74;Ελλάδα',
    'URL;TYPE=WORK:https://ees.example.gr/',
    'IMPP;X-SERVICE-TYPE=Telegram:x-apple:sofia_pap',
    'NOTE:Γνωριστήκαμε στο περίπτερο Β12 της έκθεσης. Η συνάδελφός της 李美華 (ㄌㄧˇ ㄇㄟˇ ㄏㄨㄚˊ) θέλει κατάλογο. '
    'Просит прислать каталог и прайс-лист до конца месяца.',
    'REV:20261130T101500Z',
    'END:VCARD',
]
taiwan_card = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'PRODID:-//Sabre//Sabre VObject 4.5.4//EN',
    'UID:b8e2f0c4-6a9d-4c1b-8f3e-7d2a5c9e1b04',
    'FN:李美華',
    'N:李;美華;;;',
    'ORG:台灣精密儀器股份有限公司 (ㄊㄞˊ ㄨㄢ ㄐㄧㄥ ㄇㄧˋ ㄧˊ ㄑㄧˋ);業務部',
    'EMAIL;TYPE=WORK:meihua.li@example.tw',
    'TEL;TYPE=WORK:+886 2 2345 6789',
    'NOTE:注音：ㄌㄧˇ ㄇㄟˇ ㄏㄨㄚˊ. Говорит по-русски\\, просила каталог на русском и греческом языках.',
    'REV:20261130T101700Z',
    'END:VCARD',
]
messenger_card = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'PRODID:-//Sabre//Sabre VObject 4.5.4//EN',
    'UID:0f6b3d2a-9c8e-4a71-b5d4-3e1c7a9f2b68',
    'FN:',
    'N:;;;;',
    'IMPP;X-SERVICE-TYPE=Skype:skype:dmitry.orlov.sales',
    'IMPP;X-SERVICE-TYPE=XMPP:xmpp:d.orlov@jabber.example.ru',
    'REV:20261130T101900Z',
    'END:VCARD',
]
nextcloud = card(greek_card, fold_octets) + card(taiwan_card, fold_sabre4) + card(messenger_card, fold_sabre4)
cut = splits(nextcloud)
assert {'ε', 'ㄨ', 'а'} <= {c for c, _ in cut}, cut
assert ('ㄨ', 2) in cut, cut
with open('nextcloud-30-fold-75-octets.vcf', 'wb') as f:
    f.write(nextcloud)

# Cards whose only contact is a messenger, a web page or an address, as the programs write them.
# 1. iPhone (iOS 17, vCard 3.0): a contact with only Skype and Telegram; Apple writes services
#    without a URI scheme as x-apple:, groups a labelled value with item1., and a nameless
#    contact's N as ;;;; with FN empty.
# 2. Android's contacts app (vCard 2.1): only X-GOOGLE-TALK, X-ICQ and X-MSN (2.1 puts the type
#    as a bare parameter: X-GOOGLE-TALK;HOME:).
# 3. Google Contacts (vCard 3.0): only a web page (item1.URL with an X-ABLabel).
# 4. Outlook (vCard 2.1, Windows-1252 cannot hold this; UTF-8 with CHARSET=utf-8 as Outlook 365
#    writes it): only a work address, with the label Outlook adds.
# 5. Thunderbird (vCard 4.0): X-SKYPE and a VK messenger written as IMPP with TYPE naming it.
iphone = [
    'BEGIN:VCARD', 'VERSION:3.0', 'PRODID:-//Apple Inc.//iPhone OS 17.4//EN',
    'N:;;;;', 'FN:',
    'IMPP;X-SERVICE-TYPE=Skype;type=HOME;type=pref:skype:ann.lee.booth42',
    'item1.IMPP;X-SERVICE-TYPE=Telegram:x-apple:annlee_tg',
    'item1.X-ABLabel:Telegram',
    'END:VCARD',
]
android = [
    'BEGIN:VCARD', 'VERSION:2.1', 'N:;;;;', 'FN:',
    'X-GOOGLE-TALK;HOME:pavel.sidorov@gmail.example',
    'X-ICQ;HOME:123456789',
    'X-MSN;WORK:pavel.s@hotmail.example',
    'END:VCARD',
]
google = [
    'BEGIN:VCARD', 'VERSION:3.0', 'FN:', 'N:;;;;',
    'item1.URL:https\\://www.stand-b12.example/kontakt',
    'item1.X-ABLabel:',
    'END:VCARD',
]
outlook = [
    'BEGIN:VCARD', 'VERSION:2.1', 'N;LANGUAGE=de-de:;', 'FN:',
    'ADR;WORK;PREF;CHARSET=utf-8:;;Hauptstraße 5;München;Bayern;80331;Deutschland',
    'LABEL;WORK;PREF;CHARSET=utf-8;ENCODING=QUOTED-PRINTABLE:Hauptstra=C3=9Fe 5=0D=0A80331 M=C3=BCnchen',
    'X-MS-OL-DEFAULT-POSTAL-ADDRESS:2',
    'REV:20261130T102100Z',
    'END:VCARD',
]
thunderbird = [
    'BEGIN:VCARD', 'VERSION:4.0', 'FN:',
    'X-SKYPE:olga.kuzmina.expo',
    'IMPP;TYPE=VK:vk:id123456',
    'UID:9a1e6c3f-2b7d-4e58-a0c9-5f3b8d1e7a26',
    'END:VCARD',
]
unfolded = lambda line: line  # Android and Outlook write 2.1 lines whole (2.1 folds keep their space)
with open('im-web-address-only.vcf', 'wb') as f:
    f.write(b''.join(card(c, fold) for c, fold in [
        (iphone, fold_sabre4), (android, unfolded), (google, fold_sabre4), (outlook, unfolded), (thunderbird, fold_sabre4)]))
