import Foundation

/// Figures the kernel keeps about this process (Linux `/proc/self`).
enum ProcessStats {
  /// Peak resident set size in bytes (`VmHWM`), or 0 when unknown.
  static func peakRSS() -> Int { statusField("VmHWM") }

  /// Current resident set size in bytes (`VmRSS`), or 0 when unknown.
  static func currentRSS() -> Int { statusField("VmRSS") }

  /// Bytes passed to write-like system calls so far (`wchar` in `/proc/self/io`).
  static func writtenBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("wchar:") {
      return Int(line.dropFirst("wchar:".count).trimmingCharacters(in: .whitespaces)) ?? 0
    }
    return 0
  }

  private static func statusField(_ name: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
      let digits = line.filter(\.isNumber)
      return (Int(String(digits)) ?? 0) * 1024
    }
    return 0
  }

  /// Bytes of the files at `paths` that exist.
  static func fileBytes(_ paths: [String]) -> Int {
    paths.reduce(0) { total, path in
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
      return total + size
    }
  }
}
