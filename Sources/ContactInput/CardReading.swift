import LeadCore

/// A piece of text left on a line once its contacts were taken out.
struct CardTextPiece {
    var text: String
    var line: Int
    var order: Int
    var confidence: Double
}

/// The state of one reading: tokens walked in card order, fields placed, what is left.
struct CardReadingBuilder {
    private var tokens: [(token: CardSegmenter.Token, line: Int, confidence: Double)] = []
    private var placed: [(field: CardField, order: Int)] = []
    private var texts: [CardTextPiece] = []
    private var comments: [(text: String, order: Int)] = []
    private var noise: [String] = []
    private var warnings: [String] = []
    private var overflow: [String] = []
    private var emails: [String] = []
    private var domains: [String] = []
    /// The parts of each address, by the order of its ADDRESS field.
    private var addressParts: [Int: [CardAddress.Part]] = [:]
    /// The lines read, for what the whole card says (its script).
    private let cardText: String

    init(lines: [RecognisedLine]) {
        cardText = lines.prefix(BusinessCardText.maximumLines).map { String($0.text.prefix(BusinessCardText.maximumLineLength)) }.joined(
            separator: "\n")
        let knownDomains = cardText.split(whereSeparator: \.isNewline).flatMap { CardWeb.domains(in: String($0)) }
        for (index, line) in lines.enumerated() {
            let confidence = line.confidence.isFinite ? min(max(line.confidence, 0), 1) : 0
            guard index < BusinessCardText.maximumLines else {
                if !line.text.trimmingSpaces.isEmpty { overflow.append(line.text.trimmingSpaces) }
                continue
            }
            let text = String(line.text.prefix(BusinessCardText.maximumLineLength))
            if line.text.count > BusinessCardText.maximumLineLength {
                overflow.append(String(line.text.dropFirst(BusinessCardText.maximumLineLength)))
            }
            for token in CardSegmenter.tokens(of: text, knownDomains: knownDomains) { tokens.append((token, index, confidence)) }
        }
        for (token, _, _) in tokens {
            if case .email(let address, _) = token {
                emails.append(address)
                domains.append(String(address.split(separator: "@").last ?? ""))
            }
            if case .web(let url, _, _) = token { domains.append(CardWeb.domain(of: url)) }
        }
        // `www.severveterru` beside `…@severveter.ru`: the web site's lost dot put back from the e-mail's domain.
        let emailDomains = emails.compactMap { $0.split(separator: "@").last.map(String.init) }
        for i in tokens.indices {
            guard case .text(let text) = tokens[i].token, let url = CardWeb.mended(text, emailDomains: emailDomains) else { continue }
            tokens[i].token = .web(url, valueType: "WORK", certainty: CardCertainty.webDomainOnly)
            domains.append(CardWeb.domain(of: url))
        }
    }

    /// E-mails, web addresses and phones, with labels from a column of labels where theirs is missing.
    mutating func readContacts() {
        let context = PhoneContext.of(text: cardText, domains: domains)
        var queue: [CardLabel] = []
        func take(_ matching: (CardLabel) -> Bool) -> CardLabel? {
            guard let index = queue.firstIndex(where: matching) else { return nil }
            return queue.remove(at: index)
        }
        for (order, (token, line, confidence)) in tokens.enumerated() {
            switch token {
            case .labels(let labels):
                queue += labels.filter { $0 != .registration }
            case .email(let address, let certainty):
                _ = take { $0 == .email }
                place(CardField(name: "EMAIL", value: address, valueType: "WORK", confidence: confidence * certainty), order)
            case .web(let url, let valueType, let certainty):
                _ = take { $0 == .web }
                place(CardField(name: "WEB", value: url, valueType: valueType, confidence: confidence * certainty), order)
            case .phone(let found):
                var type = found.valueType
                var certainty = found.valueType != nil || found.printed.hasPrefix("+") ? CardCertainty.phoneLabelled : CardCertainty.phoneUnlabelled
                if type == nil, case .phone(let columnType) = take({ if case .phone = $0 { true } else { false } }) {
                    type = columnType
                    certainty = CardCertainty.phoneLabelFromColumn
                }
                let value = CardPhone.value(found, context: context)
                place(CardField(name: "PHONE", value: value, valueType: type ?? "WORK", confidence: confidence * certainty), order)
            case .text(let text):
                texts.append(CardTextPiece(text: text, line: line, order: order, confidence: confidence))
            case .noise(let text):
                noise.append(text)
            }
        }
    }

    private mutating func place(_ field: CardField, _ order: Int) {
        let duplicate = placed.contains {
            $0.field.name == field.name
                && ($0.field.value == field.value
                    || field.name == "PHONE" && PhoneNumber.normalized($0.field.value).hasSuffix(PhoneNumber.normalized(field.value).suffix(9))
                        && PhoneNumber.normalized(field.value).count >= 9 && $0.field.valueType == field.valueType)
        }
        if !duplicate { placed.append((field, order)) }
    }

    /// Addresses, then the job title, the name and the company; the rest is kept as comments.
    mutating func placeText() {
        var pieces = texts.flatMap(splitMixed).flatMap(splitCompanyWord)
        pieces = placeAddresses(pieces)
        var posts: [CardTextPiece] = []
        var rest: [CardTextPiece] = []
        for piece in pieces {
            if CardLineClassifier.isPost(piece.text) && !CardLineClassifier.hasLegalForm(piece.text) {
                posts.append(piece)
            } else {
                rest.append(piece)
            }
        }
        if !posts.isEmpty {
            let value = posts.map(\.text).joined(separator: ", ")
            let confidence = posts.map(\.confidence).min()! * CardCertainty.post
            placed.append((CardField(name: "POST", value: value, confidence: confidence), posts[0].order))
        }
        let postLines = Set(posts.map(\.line))
        var best: (index: Int, name: CardLineClassifier.Name)?
        for (index, piece) in rest.enumerated() {
            let nextToPost = postLines.contains(piece.line - 1) || postLines.contains(piece.line + 1) || postLines.contains(piece.line)
            guard let name = CardLineClassifier.name(piece.text, emails: emails, nextToPost: nextToPost) else { continue }
            if best == nil || name.certainty > best!.name.certainty { best = (index, name) }
        }
        if let (index, name) = best {
            let piece = rest.remove(at: index)
            placeName(name, piece)
        }
        var company: (index: Int, certainty: Double)?
        for (index, piece) in rest.enumerated() {
            guard let certainty = CardLineClassifier.companyCertainty(piece.text, domains: domains) else { continue }
            if company == nil || certainty > company!.certainty { company = (index, certainty) }
        }
        if let (index, certainty) = company {
            var piece = rest.remove(at: index)
            // `MÜLLER & SÖHNE` over `Maschinenbau GmbH`: a name printed above its legal form is one company.
            let hasLegalForm = CardLineClassifier.hasLegalForm(piece.text)
            if let other = rest.firstIndex(where: { $0.line == piece.line + (hasLegalForm ? -1 : 1) }) {
                let (upper, lower) = hasLegalForm ? (rest[other], piece) : (piece, rest[other])
                if CardLineClassifier.hasLegalForm(lower.text), !CardLineClassifier.hasLegalForm(upper.text),
                    CardLineClassifier.companyCertainty(upper.text, domains: domains) != nil,
                    !CardVocabulary.folded(lower.text).contains(CardVocabulary.folded(upper.text))
                {
                    rest.remove(at: other)
                    piece = CardTextPiece(
                        text: upper.text + " " + lower.text, line: upper.line, order: upper.order, confidence: min(upper.confidence, lower.confidence)
                    )
                }
            }
            let value = CardLineClassifier.mendedRussianLegalForm(piece.text) ?? piece.text
            placed.append((CardField(name: "COMPANY_TITLE", value: value, confidence: piece.confidence * certainty), piece.order))
        }
        // Text the recogniser itself barely believed (a logo, a pattern) and no rule wanted is noise, not a comment.
        for piece in rest {
            if piece.confidence < BusinessCardText.noiseBelow { noise.append(piece.text) } else { comments.append((piece.text, piece.order)) }
        }
    }

    /// `John Smith, CEO` / `Sales Manager at Acme Ltd`: a line holding a title and a name or company is cut in two.
    private func splitMixed(_ piece: CardTextPiece) -> [CardTextPiece] {
        guard CardLineClassifier.isPost(piece.text) else { return [piece] }
        func cut(_ parts: [String]) -> [CardTextPiece] {
            parts.map { CardTextPiece(text: $0, line: piece.line, order: piece.order, confidence: piece.confidence) }
        }
        if let (name, post) = CardLineClassifier.nameThenPost(piece.text) { return cut([name, post]) }
        var parts = [piece.text]
        for separator in [", ", " - ", " – ", " — ", " at ", " @ ", " bei ", " в "] {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        parts = parts.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard parts.count > 1,
            parts.contains(where: {
                !CardLineClassifier.isPost($0)
                    && (CardLineClassifier.hasLegalForm($0) || CardLineClassifier.name($0, emails: [], nextToPost: false) != nil)
            })
        else { return [piece] }
        return cut(parts)
    }

    /// `Redstone Michael Harris`: a card printed in two columns, the company's first word read
    /// into the name's line. A first word that spells the card's domain, before a name, stands apart.
    private func splitCompanyWord(_ piece: CardTextPiece) -> [CardTextPiece] {
        // `ООО «Север… Дмитрий Волков`: a name read onto the end of the company's line.
        let all = piece.text.split(separator: " ").map(String.init)
        if CardLineClassifier.hasLegalForm(piece.text), all.count >= 3 {
            for count in [3, 2] where all.count > count {
                let head = all.dropLast(count).joined(separator: " ")
                let tail = all.suffix(count).joined(separator: " ")
                if CardLineClassifier.hasLegalForm(head), CardLineClassifier.name(tail, emails: emails, nextToPost: false) != nil,
                    !CardLineClassifier.hasLegalForm(tail)
                {
                    return [head, tail].map { CardTextPiece(text: $0, line: piece.line, order: piece.order, confidence: piece.confidence) }
                }
            }
        }
        let words = piece.text.split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2, words[1].split(separator: " ").count >= 2, CardLineClassifier.domainMatch(words[0], domains: domains) != nil,
            CardLineClassifier.name(words[1], emails: emails, nextToPost: false) != nil
        else { return [piece] }
        return words.map { CardTextPiece(text: $0, line: piece.line, order: piece.order, confidence: piece.confidence) }
    }

    private mutating func placeName(_ name: CardLineClassifier.Name, _ piece: CardTextPiece) {
        var lead = Lead()
        ContactFields.applyFullName(name.name, to: &lead)
        let confidence = piece.confidence * name.certainty
        for field in ["NAME", "SECOND_NAME", "LAST_NAME"] {
            if let value = lead[field] { placed.append((CardField(name: field, value: value, confidence: confidence), piece.order)) }
        }
        if !name.honorifics.isEmpty { comments.append((name.honorifics.joined(separator: " "), piece.order)) }
    }

    /// Address pieces on neighbouring lines become one address; the first goes to the lead's
    /// address fields, any other to COMMENTS. Returns the pieces that are no address.
    private mutating func placeAddresses(_ pieces: [CardTextPiece]) -> [CardTextPiece] {
        var groups: [[(piece: CardTextPiece, parts: [CardAddress.Part])]] = []
        var rest: [CardTextPiece] = []
        for piece in pieces {
            guard let parts = CardAddress.parts(of: piece.text) else {
                rest.append(piece)
                continue
            }
            if let last = groups.last?.last, piece.line - last.piece.line <= 1 {
                groups[groups.count - 1].append((piece, parts))
            } else {
                groups.append([(piece, parts)])
            }
        }
        for group in groups {
            let value = group.map(\.piece.text).joined(separator: ", ")
            let countryOnly = group.allSatisfy { $0.parts.allSatisfy { if case .country = $0 { true } else { false } } }
            let certainty = countryOnly ? CardCertainty.addressCountryOnly : CardCertainty.addressPattern
            let confidence = group.map(\.piece.confidence).min()! * certainty
            placed.append((CardField(name: "ADDRESS", value: value, confidence: confidence), group[0].piece.order))
            addressParts[group[0].piece.order] = group.flatMap(\.parts)
        }
        return rest
    }

    /// The reading: fields in card order, the lead they make, COMMENTS and warnings.
    func finish(text: String) -> BusinessCardReading {
        let ordered = placed.sorted { $0.order < $1.order }
        let fields = ordered.map(\.field)
        var lead = Lead()
        var warnings = warnings
        var extraComments: [String] = []
        var addressDone = false
        for (field, order) in ordered {
            switch field.name {
            case "PHONE": lead.append(.phone, MultiFieldValue(value: field.value, valueType: field.valueType ?? "WORK"))
            case "EMAIL": lead.append(.email, MultiFieldValue(value: field.value, valueType: field.valueType ?? "WORK"))
            case "WEB": lead.append(.web, MultiFieldValue(value: field.value, valueType: field.valueType ?? "WORK"))
            case "ADDRESS" where !addressDone:
                addressDone = true
                CardAddressFields.apply(addressParts[order] ?? [.other(field.value)], to: &lead)
            case "ADDRESS":
                extraComments.append(field.value)
                warnings.append("The card shows a second address; \"\(field.value.escapedForTerminal)\" was kept in COMMENTS.")
            default: lead[field.name] = field.value
            }
        }
        let unplaced = comments.sorted { $0.order < $1.order }.map(\.text)
        for line in unplaced + extraComments + overflow { ContactFields.appendComment(line, to: &lead) }
        if !unplaced.isEmpty {
            let shown = unplaced.prefix(5).map { "\"\($0.escapedForTerminal)\"" }.joined(separator: ", ")
            warnings.append(
                "\(unplaced.count == 1 ? "A line" : "\(unplaced.count) lines") of the card (\(shown)) matched no field and \(unplaced.count == 1 ? "was" : "were") kept in COMMENTS."
            )
        }
        if !overflow.isEmpty {
            warnings.append(
                "The text is longer than a card holds; what follows line \(BusinessCardText.maximumLines) or a line's first \(BusinessCardText.maximumLineLength) characters was kept in COMMENTS unread."
            )
        }
        if let comments = lead["COMMENTS"], comments.utf8.count > maximumFieldBytes {
            lead["COMMENTS"] = comments.prefix(utf8Bytes: maximumFieldBytes)
            warnings.append("COMMENTS holds the first 64 KiB of the text no rule placed; the rest is only in the recognised text.")
        }
        if !noise.isEmpty {
            let shown = noise.prefix(3).map { "\"\($0.escapedForTerminal)\"" }.joined(separator: ", ")
            warnings.append(
                "\(noise.count) bit\(noise.count == 1 ? "" : "s") of the card read as noise (\(shown)) and \(noise.count == 1 ? "was" : "were") left out."
            )
        }
        if !lead.namesSomeone {
            lead["TITLE"] = "Business card"
            warnings.append(
                "Nothing on the card reads as a name, company, phone or e-mail; the lead is titled \"Business card\", so fill in who it is.")
        }
        return BusinessCardReading(text: text, fields: fields, lead: lead, warnings: warnings)
    }
}
