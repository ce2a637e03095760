import BulwarkCore
@testable import BulwarkDependencies
import Testing

@Suite struct LockfileTests {
    func parse(_ kind: LockfileKind, _ text: String) throws -> [String] {
        try Lockfiles.parse(text, kind: kind, file: kind.rawValue).map { "\($0.ecosystem.rawValue):\($0.name)@\($0.version):\($0.location.line)" }.sorted()
    }

    @Test func packageLockV1AndV3() throws {
        #expect(try parse(.packageLock, """
            {"lockfileVersion": 1, "dependencies": {
              "lodash": {"version": "4.17.20"},
              "a": {"version": "1.0.0", "dependencies": {"b": {"version": "2.0.0"}}}}}
            """) == ["npm:a@1.0.0:3", "npm:b@2.0.0:3", "npm:lodash@4.17.20:2"])
        #expect(try parse(.packageLock, """
            {"lockfileVersion": 3, "packages": {
              "": {"name": "app"},
              "node_modules/@scope/x": {"version": "1.2.3"},
              "node_modules/a/node_modules/b": {"version": "0.1.0"},
              "node_modules/linked": {"link": true}}}
            """) == ["npm:@scope/x@1.2.3:3", "npm:b@0.1.0:4"])
    }

    @Test func yarnClassicAndBerry() throws {
        #expect(try parse(.yarnLock, """
            # yarn lockfile v1

            "@babel/core@^7.0.0", "@babel/core@^7.1.0":
              version "7.1.2"
              resolved "https://registry.yarnpkg.com/x"

            lodash@^4.17.0:
              version "4.17.20"
            """) == ["npm:@babel/core@7.1.2:3", "npm:lodash@4.17.20:7"])
        #expect(try parse(.yarnLock, """
            __metadata:
              version: 6

            "lodash@npm:^4.17.0":
              version: 4.17.21
            """) == ["npm:lodash@4.17.21:4"])
    }

    @Test func pnpm() throws {
        #expect(try parse(.pnpmLock, """
            lockfileVersion: '9.0'
            packages:
              lodash@4.17.20:
                resolution: {integrity: sha512-x}
              '@types/node@20.1.0':
                resolution: {integrity: sha512-y}
              /react-dom@18.2.0(react@18.2.0):
                resolution: {integrity: sha512-z}
            """) == ["npm:@types/node@20.1.0:5", "npm:lodash@4.17.20:3", "npm:react-dom@18.2.0:7"])
    }

    @Test func pythonFiles() throws {
        #expect(try parse(.requirements, """
            # pinned
            Django==3.2.4  # web
            requests[socks]==2.25.1 ; python_version >= "3.6"
            flask>=2.0
            -r other.txt
            """) == ["PyPI:Django@3.2.4:2", "PyPI:requests@2.25.1:3"])
        #expect(try parse(.poetryLock, """
            [[package]]
            name = "urllib3"
            version = "1.26.4"

            [package.extras]
            socks = ["x"]

            [[package]]
            name = "idna"
            version = "3.1"
            """) == ["PyPI:idna@3.1:8", "PyPI:urllib3@1.26.4:1"])
        #expect(try parse(.pipfileLock, """
            {"_meta": {}, "default": {"jinja2": {"version": "==2.11.2"}}, "develop": {"pytest": {"version": "==6.0.0"}}}
            """) == ["PyPI:jinja2@2.11.2:1", "PyPI:pytest@6.0.0:1"])
    }

    @Test func goCargoGemsComposerSwiftMaven() throws {
        #expect(try parse(.goMod, """
            module example.com/app

            go 1.21

            require github.com/gin-gonic/gin v1.6.0
            require (
                golang.org/x/net v0.0.0-20210226172049-e18ecbb05110 // indirect
                gopkg.in/yaml.v2 v2.2.7
            )
            """) == ["Go:github.com/gin-gonic/gin@v1.6.0:5", "Go:golang.org/x/net@v0.0.0-20210226172049-e18ecbb05110:7", "Go:gopkg.in/yaml.v2@v2.2.7:8"])
        #expect(try parse(.cargoLock, """
            version = 3

            [[package]]
            name = "smallvec"
            version = "1.6.0"
            source = "registry+https://github.com/rust-lang/crates.io-index"
            """) == ["crates.io:smallvec@1.6.0:3"])
        #expect(try parse(.gemfileLock, """
            GEM
              remote: https://rubygems.org/
              specs:
                nokogiri (1.10.9-x86_64-linux)
                  racc (~> 1.4)
                rack (2.2.2)

            PLATFORMS
              ruby
            """) == ["RubyGems:nokogiri@1.10.9:4", "RubyGems:rack@2.2.2:6"])
        #expect(try parse(.composerLock, """
            {"packages": [{"name": "guzzlehttp/guzzle", "version": "7.4.0"}], "packages-dev": [{"name": "phpunit/phpunit", "version": "v9.5.0"}]}
            """) == ["Packagist:guzzlehttp/guzzle@7.4.0:1", "Packagist:phpunit/phpunit@v9.5.0:1"])
        #expect(try parse(.packageResolved, """
            {"pins": [{"identity": "swift-nio", "location": "https://github.com/apple/swift-nio.git", "state": {"revision": "abc", "version": "2.40.0"}}], "version": 2}
            """) == ["SwiftURL:https://github.com/apple/swift-nio@2.40.0:1"])
        #expect(try parse(.pom, """
            <project>
              <properties><jackson.version>2.9.10</jackson.version></properties>
              <dependencies>
                <dependency>
                  <groupId>com.fasterxml.jackson.core</groupId>
                  <artifactId>jackson-databind</artifactId>
                  <version>${jackson.version}</version>
                </dependency>
                <dependency><groupId>org.x</groupId><artifactId>y</artifactId><version>[1.0,2.0)</version></dependency>
                <dependency><groupId>log4j</groupId><artifactId>log4j</artifactId><version>1.2.17</version></dependency>
              </dependencies>
            </project>
            """) == ["Maven:com.fasterxml.jackson.core:jackson-databind@2.9.10:4", "Maven:log4j:log4j@1.2.17:10"])
    }

    @Test func brokenLockfilesAreErrorsWithPositions() {
        let cases: [(LockfileKind, String, Int)] = [
            (.packageLock, "{\"packages\": {\"x\": {\"version\": 1,}}}", 1),
            (.yarnLock, "lodash@^4:\n  version \"1\"\nnot a header\n", 3),
            (.cargoLock, "[[package]]\nname = smallvec\n", 2),
            (.pom, "<html></html>", 1),
            (.pnpmLock, "packages:\n  a: [unclosed\n", 3),
        ]
        for (kind, text, line) in cases {
            do {
                _ = try Lockfiles.parse(text, kind: kind, file: "f")
                Issue.record("accepted broken \(kind)")
            } catch let e as BulwarkError {
                #expect(e.location?.line == line, "\(kind): \(e)")
            } catch { Issue.record("\(error)") }
        }
    }

    @Test func detectsByName() {
        #expect(LockfileKind.detect(fileName: "requirements-dev.txt") == .requirements)
        #expect(LockfileKind.detect(fileName: "npm-shrinkwrap.json") == .packageLock)
        #expect(LockfileKind.detect(fileName: "package.json") == nil)
    }
}
