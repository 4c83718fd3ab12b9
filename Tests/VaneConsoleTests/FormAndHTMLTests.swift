import FlyteIDL
import Foundation
import Testing
import VaneTesting

@testable import VaneConsole

@Suite struct FormAndHTMLTests {
  @Test func formBodiesDecodePlusesAndPercents() {
    let fields = FormBody.parse("a=1+2&b=%5B1%2C%202%5D&c=&d=%E2%9C%93&bad=%zz&=x")
    #expect(fields == ["a": "1 2", "b": "[1, 2]", "c": "", "d": "✓", "bad": "%zz"])
  }

  @Test func escapingCoversMarkupAndQuotes() {
    #expect(HTML.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    #expect(HTML.percentEncoded("a b/ü") == "a%20b%2F%C3%BC")
    #expect(HTML.shortened("abcdef", to: 4) == "abc…")
  }

  @Test func literalsRenderReadablyAndSafely() {
    var file = Flyteidl_Core_Literal()
    file.scalar.blob.uri = "s3://bucket/out/model.bin"
    let map = literals([
      "text": .string("<script>alert(1)</script>"), "model": file, "numbers": .list((0..<150).map { .int(Int64($0)) }),
    ])
    let html = LiteralHTML(download: { "/dl?uri=" + HTML.percentEncoded($0) }).render(map)
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!html.contains("<script>"))
    #expect(html.contains("href=\"/dl?uri=s3%3A%2F%2Fbucket%2Fout%2Fmodel.bin\""))
    #expect(html.contains("… 50 more"))
    #expect(html.components(separatedBy: "<li>").count - 1 == 100)
  }

  @Test func countsSummariseInAFixedOrder() {
    var counts = PhaseCounts()
    counts.add(.succeeded, count: 9_998)
    counts.add(.failed, count: 2)
    #expect(counts.summary == "9,998 done · 2 failed")
    #expect(counts.overall == .failed)
    #expect(PhaseCounts.grouped(1_234_567) == "1,234,567")
  }

  @Test func elapsedTimesReadNaturally() {
    #expect(ElapsedText.format(0.25) == "250 ms")
    #expect(ElapsedText.format(12.34) == "12.3 s")
    #expect(ElapsedText.format(245) == "4m 05s")
    #expect(ElapsedText.format(7380) == "2h 03m")
  }
}
