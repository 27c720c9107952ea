import EcluseHTTP
import Testing

@testable import EcluseWeb

@Suite("Accept-Language picks the pages' language")
struct LanguageTests {
    private static func language(_ header: String?) -> Language {
        var headers: HeaderFields = [:]
        if let header { headers.add("Accept-Language", header) }
        return Language.preferred(by: Request(method: "GET", path: "/", headers: headers, id: "test"))
    }

    @Test func theHighestWeightThatThePagesSpeakWins() {
        #expect(Self.language(nil) == .en)
        #expect(Self.language("fr-FR,fr;q=0.9,en;q=0.8") == .fr)
        #expect(Self.language("de-DE,fr;q=0.5,en;q=0.7") == .en)
        #expect(Self.language("de, fr;q=0.3") == .fr)
        #expect(Self.language("en;q=0.2, FR-ca;q=0.9") == .fr)
        #expect(Self.language("fr;q=0, en") == .en)
        #expect(Self.language("fr, en") == .fr, "equal weights keep the browser's order")
        #expect(Self.language("*") == .en)
    }

    @Test func theLanguageAUserChoseWinsOverTheBrowsers() {
        var headers: HeaderFields = ["Accept-Language": "en"]
        headers.add("Cookie", "ecluse-session=x; ecluse-language=fr")
        #expect(Language.preferred(by: Request(method: "GET", path: "/", headers: headers, id: "test")) == .fr)
        var unknown: HeaderFields = ["Accept-Language": "fr"]
        unknown.add("Cookie", "ecluse-language=xx")
        #expect(Language.preferred(by: Request(method: "GET", path: "/", headers: unknown, id: "test")) == .fr)
    }
}
