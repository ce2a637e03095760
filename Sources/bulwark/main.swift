import BulwarkCore
import BulwarkJMESPath
import Foundation
var passed = 0, failed = 0
for f in try FileManager.default.contentsOfDirectory(atPath: CommandLine.arguments[1]).sorted() where f.hasSuffix(".json") {
    let text = try String(contentsOfFile: CommandLine.arguments[1] + "/" + f, encoding: .utf8)
    let o = ComplianceSuite.run(try JSONParser.parseValue(text))
    passed += o.passed; failed += o.failures.count
    for x in o.failures { print(f, x) }
}
print("\(passed) passed, \(failed) failed")
