/// How sure each business-card rule is, 0...1. A field's confidence is the OCR confidence of its
/// line(s) times the certainty of the rule that placed it (see `CardField`), so a clean rule on a
/// badly read line is still unsure, and a guess on a perfectly read line is too.
///
/// The figures rank the rules against each other; they are not measured probabilities. Contacts
/// with their own syntax (an `@`, a `+`, `www.`) are near 1; a line chosen for its shape (a name,
/// a company in capitals) stays below `CardField.unsureBelow` unless another hint agrees.
enum CardCertainty {
    static let emailClean = 1.0
    /// Spaces around `@` or dots, `(at)`, a comma for a dot: the characters were all read.
    static let emailMended = 0.85
    /// Letters changed (`0`→`o`, Cyrillic look-alikes): right most of the time, worth a look.
    static let emailRepairedLetters = 0.7

    /// A number after a label (`Tel.`, `M:`, `факс`) or in international form.
    static let phoneLabelled = 0.95
    /// A bare number of 7–15 digits.
    static let phoneUnlabelled = 0.8
    /// A label taken from a column of labels printed apart from the numbers.
    static let phoneLabelFromColumn = 0.85

    static let webWithScheme = 0.95
    /// A bare domain (`acme.de`) standing alone.
    static let webDomainOnly = 0.8

    /// A line with a job-title word in it.
    static let post = 0.9

    /// A legal form (GmbH, Ltd, ООО); a company word (Group, Solutions) is weaker.
    static let companyLegalForm = 0.85
    static let companyWord = 0.6
    /// The line spells the e-mail's or web site's domain (`Acme Robotics` ~ acmerobotics.com),
    /// or part of it (`ACME`, `Foobar Technologies` ~ foobartech.com).
    static let companyDomainExact = 0.8
    static let companyDomainPartial = 0.6
    /// A line in capitals that is nothing else.
    static let companyCapitals = 0.45

    /// A name chosen for its shape alone; hints raise it (`CardLineClassifier.nameScore`).
    static let nameShape = 0.55
    static let nameMatchesEmail = 0.3
    static let nameNextToPost = 0.1

    /// Street and number, postal code and city; an address line only shaped like one is less sure.
    static let addressPattern = 0.9
    static let addressCountryOnly = 0.6

    /// Joins independent hints: two hints at 0.7 and 0.6 make 0.88.
    static func combined(_ certainties: [Double]) -> Double {
        1 - certainties.reduce(1) { $0 * (1 - $1) }
    }
}
