import Testing
@testable import ManagedLogin

@Suite struct HTMLAndFormTests {
    @Test func textAndAttributesAreEscaped() {
        let page = HTML.element("p", [("title", "\"><script>")], [.text("<b>&'</b>")])
        #expect(page.rendered == "<p title=\"&quot;&gt;&lt;script&gt;\">&lt;b&gt;&amp;&#39;&lt;/b&gt;</p>")
    }

    @Test func voidElementsHaveNoEndTag() {
        #expect(HTML.element("input", [("name", "a")]).rendered == "<input name=\"a\">")
    }

    @Test func formDecodingHandlesPlusPercentAndRepeats() {
        let items = FormEncoding.decode("a=1+2&b=x%40y&a=3&flag")
        #expect(items == ["a": "1 2", "b": "x@y", "flag": ""])
    }

    @Test func encodingKeepsOnlyUnreservedCharacters() {
        #expect(FormEncoding.encode([("state", "a b&c=d/é"), ("x", "-._~")]) == "state=a%20b%26c%3Dd%2F%C3%A9&x=-._~")
    }
}
