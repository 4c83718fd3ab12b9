import Foundation

/// Kubernetes resource quantities as Flyte tasks write them: a number with an optional suffix —
/// binary (`Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`), decimal (`n`, `u`, `m`, `k`, `M`, `G`, `T`, `P`,
/// `E`) or an exponent (`1e3`, `2E-1`). `500m` cpu is half a core; `1Gi` memory is 2³⁰ bytes.
package enum ResourceQuantity {
  private static let binary: [String: Double] = [
    "Ki": 1024, "Mi": 1_048_576, "Gi": 1_073_741_824, "Ti": 1_099_511_627_776,
    "Pi": 1_125_899_906_842_624, "Ei": 1_152_921_504_606_846_976,
  ]
  private static let decimal: [String: Double] = [
    "n": 1e-9, "u": 1e-6, "m": 1e-3, "": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
  ]

  /// The quantity's value in base units (cores, bytes), or nil when the text is not a quantity
  /// or is negative.
  package static func value(_ text: String) -> Double? {
    let body = text.trimmingCharacters(in: .whitespaces)
    var numberEnd = body.startIndex
    var seenDigit = false
    for (offset, character) in body.enumerated() {
      let isSign = offset == 0 && (character == "+" || character == "-")
      guard character.isASCII, character.isNumber || character == "." || isSign else { break }
      if character.isNumber { seenDigit = true }
      numberEnd = body.index(after: numberEnd)
    }
    guard seenDigit, let number = Double(body[..<numberEnd]), number >= 0 else { return nil }
    let suffix = String(body[numberEnd...])
    if let factor = binary[suffix] ?? decimal[suffix] { return number * factor }
    if let first = suffix.first, first == "e" || first == "E", let exponent = Int(suffix.dropFirst()),
      abs(exponent) <= 30
    {
      return number * pow(10, Double(exponent))
    }
    return nil
  }

  /// A cpu quantity in millicores, rounded up as Kubernetes does (`0.1` → 100, `1.5` → 1500).
  package static func cpuMillicores(_ text: String) -> Int64? {
    guard let cores = value(text), cores * 1000 < Double(Int64.max / 2) else { return nil }
    return Int64((cores * 1000).rounded(.up))
  }

  /// A memory quantity in bytes, rounded up.
  package static func memoryBytes(_ text: String) -> Int64? {
    guard let bytes = value(text), bytes < Double(Int64.max / 2) else { return nil }
    return Int64(bytes.rounded(.up))
  }
}
