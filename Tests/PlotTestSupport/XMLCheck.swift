import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Why text is not well-formed XML.
public struct MalformedXML: Error, CustomStringConvertible {
    public let description: String
}

/// Parses `text` as XML and returns the root element; throws if it is malformed or has no root.
public func wellFormedXMLRoot(_ text: String) throws -> XMLElement {
    let document: XMLDocument
    do {
        document = try XMLDocument(data: Data(text.utf8), options: [])
    } catch {
        throw MalformedXML(description: "not well-formed XML: \(error)")
    }
    guard let root = document.rootElement() else { throw MalformedXML(description: "XML without a root element") }
    return root
}
