import Diagnostics
import XCTest

/// A message names settings in the library's terms by default and with any naming (the CLI's flags).
final class MessageTests: XCTestCase {
    private let flags = SettingNaming { setting in
        "--" + setting.name.reduce(into: "") { $0 += $1.isUppercase ? "-" + $1.lowercased() : String($1) }
    }

    func testSettingsRenderInLibraryTermsOrAsFlags() {
        let loss = "phinge:3"
        let message: Message = "\(.loss) \(loss) is a binary loss; set \(.loss) to cce and \(.batchSize) to 32"
        XCTAssertEqual(message.description, "loss phinge:3 is a binary loss; set loss to cce and batchSize to 32")
        XCTAssertEqual(message.rendered(flags), "--loss phinge:3 is a binary loss; set --loss to cce and --batch-size to 32")
        XCTAssertEqual(message.settings, [.loss, .loss, .batchSize])
    }

    func testErrorsKeepTheirSettingsInsideOtherMessages() {
        let inner = SettingError.valueOutOfRange(.epochs, value: "0", allowed: "positive")
        let outer: Message = "run 3: \(inner)"
        XCTAssertEqual(outer.description, "run 3: epochs must be positive, got 0")
        XCTAssertEqual(outer.rendered(flags), "run 3: --epochs must be positive, got 0")
        XCTAssertEqual("\(inner)", "epochs must be positive, got 0")
    }

    func testFileErrorNamesFilePlaceProblemAndFix() {
        let csv = FileError(.notANumber, file: "t.csv", at: .row(2, column: 3), problem: "'x' is not a number", fix: "give decimal numbers")
        XCTAssertEqual(csv.description, "t.csv: row 2, column 3: 'x' is not a number. Fix: give decimal numbers")
        XCTAssertEqual([csv.line, csv.column], [2, 3])
        let npz = FileError(.truncated, file: "a.npy", at: .byte(128), problem: "file ends early.", fix: "save it again").inEntry("a.npy", of: "d.npz")
        XCTAssertEqual(npz.description, "d.npz: entry 'a.npy', byte 128: file ends early. Fix: save it again")
        XCTAssertEqual(FileError(.fileAccess, file: "gone.json", problem: "not found", fix: "run first").description, "gone.json: not found. Fix: run first")
    }
}
