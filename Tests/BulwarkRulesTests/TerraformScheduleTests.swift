@testable import BulwarkRules
import Testing

@Suite("Secrets rotation schedules")
struct TerraformScheduleTests {
    @Test("rate() and cron() schedules give the longest gap between rotations", arguments: [
        ("rate(89 days)", 89.0), ("rate(4 hours)", 4.0 / 24), ("rate(1 day)", 1.0),
        ("cron(0 12 * * ? *)", 31.0), ("cron(0 12 1 */6 ? *)", 186.0),
        ("cron(0 12 1 1,4,7,10 ? *)", 93.0), ("cron(0 12 1 2 ? *)", 372.0),
    ])
    func days(expression: String, expected: Double) {
        #expect(SecretRotationPeriod.scheduleDays(expression) == expected)
    }

    @Test("unparseable schedules are not judged")
    func unknown() {
        #expect(SecretRotationPeriod.scheduleDays("every tuesday") == nil)
        #expect(SecretRotationPeriod.scheduleDays("rate(3 fortnights)") == nil)
    }
}

@Suite("AWS credential recognition")
struct AWSCredentialTests {
    @Test("access key ids are found only when well-formed and bounded", arguments: [
        ("key=AKIAIOSFODNN7EXAMPLE;", "AKIAIOSFODNN7EXAMPLE"), ("ASIAY34FZKBOKMUTVV7A", "ASIAY34FZKBOKMUTVV7A"),
        ("AKIAIOSFODNN7EXAMPLEX", nil), ("akiaiosfodnn7example", nil), ("AKIA1234", nil), ("AKIAIOSFODNN7EXAMP1E", nil),
    ] as [(String, String?)])
    func accessKey(text: String, expected: String?) {
        #expect(AWSCredentials.accessKey(in: text).map(String.init) == expected)
    }
}
