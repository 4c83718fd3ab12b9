/// A forward-only reader over the characters of a short text, for the date and duration parsers.
struct TextScanner {
  private let characters: [Character]
  private(set) var position = 0

  init(_ text: String) { characters = Array(text) }

  var isAtEnd: Bool { position >= characters.count }
  var current: Character? { isAtEnd ? nil : characters[position] }

  /// Consumes `character` when it is next.
  mutating func skip(_ character: Character) -> Bool {
    guard current == character else { return false }
    position += 1
    return true
  }

  mutating func skipSpaces() {
    while let character = current, character == " " || character == "\t" { position += 1 }
  }

  /// Exactly `count` ASCII digits as a number.
  mutating func digits(exactly count: Int) -> Int? {
    guard position + count <= characters.count else { return nil }
    var value = 0
    for character in characters[position..<position + count] {
      guard let digit = character.asciiDigit else { return nil }
      value = value * 10 + digit
    }
    position += count
    return value
  }

  /// One to nine (or more, truncated) fraction digits as nanoseconds.
  mutating func fraction() -> Int32? {
    var digits = ""
    while let character = current, character.asciiDigit != nil {
      digits.append(character)
      position += 1
    }
    guard !digits.isEmpty else { return nil }
    let nine = String((digits + "000000000").prefix(9))
    return Int32(nine)
  }

  /// A decimal number (`12`, `1.5`, `.5`) as text, or nil.
  mutating func decimal() -> String? {
    let start = position
    while let character = current, character.asciiDigit != nil { position += 1 }
    if current == ".", position + 1 <= characters.count {
      position += 1
      while let character = current, character.asciiDigit != nil { position += 1 }
    }
    let text = String(characters[start..<position])
    guard text.contains(where: { $0.asciiDigit != nil }) else {
      position = start
      return nil
    }
    return text
  }

  /// A run of ASCII letters, lowercased.
  mutating func word() -> String {
    var text = ""
    while let character = current, character.isASCII, character.isLetter {
      text.append(character)
      position += 1
    }
    return text.lowercased()
  }
}

extension Character {
  var asciiDigit: Int? {
    guard isASCII, let value = wholeNumberValue else { return nil }
    return value
  }
}

extension String {
  var trimmingSpaces: String {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
    while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
    return String(slice)
  }
}
