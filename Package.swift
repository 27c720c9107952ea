// swift-tools-version:6.0
// The targets are the architecture: a core with no I/O, adapters around it, C libraries in
// system-library targets, the CLI on top. See docs/architecture.md.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Ecluse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ecluse", targets: ["ecluse"])
    ],
    targets: [
        // C libraries from Debian's -dev packages.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CICal", pkgConfig: "libical", providers: [.apt(["libical-dev"])]),
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // libphonenumber is C++: a small C face keeps C++ interop out of the Swift targets.
        .target(
            name: "CPhoneNumber",
            linkerSettings: [.linkedLibrary("phonenumber"), .linkedLibrary("stdc++")]
        ),

        // The core: model, policy decision, planning. No I/O.
        .target(name: "EcluseCore", dependencies: ["EcluseCrypto"], swiftSettings: strict),
        .target(name: "EcluseCrypto", dependencies: ["CCrypto"], swiftSettings: strict),
        .target(name: "EcluseLogging", swiftSettings: strict),

        // Adapters around the core.
        .target(
            name: "EcluseFormats",
            dependencies: ["EcluseCore", "EcluseCrypto", "CYAML", "CICal"],
            swiftSettings: strict
        ),
        .target(name: "EcluseLedger", dependencies: ["EcluseCore", "EcluseCrypto"], swiftSettings: strict),
        .target(
            name: "EcluseStore",
            dependencies: ["EcluseCore", "EcluseLedger", "CSQLite"],
            swiftSettings: strict
        ),
        .target(
            name: "EcluseConnectors",
            dependencies: ["EcluseCore", "EcluseFormats", "EcluseLogging", "CCurl"],
            swiftSettings: strict
        ),
        .target(
            name: "EcluseImport",
            dependencies: ["EcluseCore", "EcluseFormats", "EcluseStore", "EcluseLogging", "CPhoneNumber"],
            swiftSettings: strict
        ),
        .target(
            name: "EcluseFeeds",
            dependencies: [
                "EcluseCore", "EcluseFormats", "EcluseStore", "EcluseLedger", "EcluseLogging", "EcluseCrypto",
                "EcluseHTTP",
            ],
            swiftSettings: strict
        ),
        .target(
            name: "EcluseSync",
            dependencies: [
                "EcluseCore", "EcluseFormats", "EcluseStore", "EcluseLedger", "EcluseConnectors", "EcluseLogging",
            ],
            swiftSettings: strict
        ),
        .target(name: "EcluseHTTP", dependencies: ["EcluseLogging", "CMicroHTTPD"], swiftSettings: strict),
        // The JSON API under /api/v1: bearer tokens, roles, the routes and their OpenAPI document.
        .target(
            name: "EcluseAPI",
            dependencies: [
                "EcluseCore", "EcluseCrypto", "EcluseFormats", "EcluseImport", "EcluseLedger", "EcluseLogging",
                "EcluseStore", "EcluseHTTP",
            ],
            swiftSettings: strict
        ),
        // The web pages for salespeople and the DPO, on top of the HTTP server.
        .target(
            name: "EcluseWeb",
            dependencies: [
                "EcluseHTTP", "EcluseCore", "EcluseFormats", "EcluseStore", "EcluseLedger", "EcluseLogging",
                "EcluseCrypto", "CQRencode", "EcluseFeeds",
            ],
            swiftSettings: strict
        ),

        // The command line on top.
        .target(
            name: "EcluseCLI",
            dependencies: [
                "EcluseCore", "EcluseFormats", "EcluseStore", "EcluseLedger", "EcluseConnectors",
                "EcluseSync", "EcluseImport", "EcluseLogging", "EcluseCrypto", "EcluseHTTP", "EcluseFeeds",
                "EcluseAPI", "EcluseWeb",
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "ecluse", dependencies: ["EcluseCLI"], swiftSettings: strict),
        // `make fuzz` feeds the readers mutated inputs with this; it is not installed.
        .executableTarget(
            name: "ecluse-fuzz",
            dependencies: ["EcluseFormats", "EcluseTesting"],
            path: "Sources/EcluseFuzz",
            swiftSettings: strict
        ),
        // `make bench` measures the parts with this; it is not installed.
        .executableTarget(
            name: "ecluse-bench",
            dependencies: [
                "EcluseCore", "EcluseFormats", "EcluseStore", "EcluseImport", "EcluseLogging", "EcluseTesting",
            ],
            path: "Sources/EcluseBench",
            swiftSettings: strict
        ),

        // Support shared by the tests: fixtures, a Radicale launcher, an in-memory connector.
        .target(
            name: "EcluseTesting",
            dependencies: ["EcluseCore", "EcluseConnectors", "EcluseStore", "EcluseLogging"],
            swiftSettings: strict
        ),

        .testTarget(name: "EcluseCryptoTests", dependencies: ["EcluseCrypto"], swiftSettings: strict),
        .testTarget(name: "EcluseCoreTests", dependencies: ["EcluseCore", "EcluseTesting"], swiftSettings: strict),
        .testTarget(
            name: "EcluseFormatsTests",
            dependencies: ["EcluseFormats", "EcluseTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EcluseStoreTests",
            dependencies: ["EcluseStore", "EcluseTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EcluseLedgerTests",
            dependencies: ["EcluseLedger", "EcluseStore", "EcluseTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EcluseConnectorsTests",
            dependencies: ["EcluseConnectors", "EcluseFormats", "EcluseTesting", "EcluseHTTP"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EcluseImportTests",
            dependencies: ["EcluseImport", "EcluseFormats", "EcluseStore", "EcluseTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EcluseFeedsTests",
            dependencies: ["EcluseFeeds", "EcluseTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EcluseSyncTests",
            dependencies: ["EcluseSync", "EcluseImport", "EcluseStore", "EcluseFormats", "EcluseTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EcluseHTTPTests",
            dependencies: ["EcluseHTTP", "EcluseConnectors", "EcluseLogging", "EcluseTesting"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EcluseAPITests",
            dependencies: [
                "EcluseAPI", "EcluseCore", "EcluseCrypto", "EcluseHTTP", "EcluseStore", "EcluseLogging",
                "EcluseConnectors", "EcluseTesting",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EcluseWebTests",
            dependencies: [
                "EcluseWeb", "EcluseHTTP", "EcluseCore", "EcluseFormats", "EcluseStore", "EcluseLedger",
                "EcluseConnectors", "EcluseCrypto", "EcluseLogging", "EcluseTesting", "EcluseFeeds",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EcluseCLITests",
            dependencies: ["EcluseCLI", "EcluseConnectors", "EcluseTesting"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
