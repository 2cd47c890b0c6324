// swift-tools-version:6.1
import PackageDescription

// Upcoming language features, as hummingbird does: explicit existentials and imports that say what they use.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "merit",
    products: [
        .executable(name: "merit", targets: ["merit"]),
        .library(name: "MeritCore", targets: ["MeritCore"]),
        .library(name: "MeritYAML", targets: ["MeritYAML"]),
        .library(name: "MeritLibrary", targets: ["MeritLibrary"]),
        .library(name: "MeritRecords", targets: ["MeritRecords"]),
        .library(name: "MeritIO", targets: ["MeritIO"]),
        .library(name: "MeritReports", targets: ["MeritReports"]),
        .library(name: "MeritJob", targets: ["MeritJob"]),
        .library(name: "MeritAccounts", targets: ["MeritAccounts"]),
        .library(name: "MeritServer", targets: ["MeritServer"]),
        .library(name: "MeritPostgres", targets: ["MeritPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
    ],
    targets: [
        // The system libyaml (Debian: libyaml-dev). Never a vendored copy: see README "Dependencies".
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // The system zlib (Debian: zlib1g-dev), which inflates workbooks' ZIP entries (ZIPFoundation names its own module CZlib).
        .systemLibrary(name: "SystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The system libcrypto (Debian: libssl-dev), for SHA-256 of imported files.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "MeritYAML", dependencies: ["CYAML"], swiftSettings: swiftSettings),
        .target(name: "MeritCore", swiftSettings: swiftSettings),
        // Loading and checking the instrument library (Instruments/*.yaml); findings with their places.
        .target(name: "MeritLibrary", dependencies: ["MeritCore", "MeritYAML"], swiftSettings: swiftSettings),
        // Reading and validating record files (CSV, .xlsx, YAML/JSON): no store, no scores.
        .target(name: "MeritRecords", dependencies: ["MeritCore", "MeritYAML", "MeritLibrary", "SystemZlib"], swiftSettings: swiftSettings),
        // The store (SQLite) and the importer that fills it, samples, result tables.
        .target(
            name: "MeritIO",
            dependencies: [
                "MeritCore", "MeritYAML", "MeritLibrary", "MeritRecords", "CCrypto", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "MeritReports",
            dependencies: ["MeritCore", "MeritYAML", "MeritRecords"],
            swiftSettings: swiftSettings),
        // The whole job (record folder → import → score → every report), shared by `merit run` and the server.
        .target(
            name: "MeritJob", dependencies: ["MeritCore", "MeritYAML", "MeritLibrary", "MeritRecords", "MeritIO", "MeritReports"],
            swiftSettings: swiftSettings),
        // The PostgreSQL store (issue 14): the same store interface as the SQLite one, agencies kept apart by
        // row-level security.
        .target(
            name: "MeritPostgres",
            dependencies: [
                "MeritCore", "MeritIO", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        // Accounts and passwords (bcrypt) of the served application, over the store.
        .target(
            name: "MeritAccounts",
            dependencies: ["MeritCore", "MeritIO", .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")],
            swiftSettings: swiftSettings),
        // `merit serve`: routes and pages over the libraries (Hummingbird 2); no rule lives here.
        .target(
            name: "MeritServer",
            dependencies: [
                "MeritCore", "MeritYAML", "MeritLibrary", "MeritRecords", "MeritIO", "MeritJob", "MeritReports", "MeritAccounts",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings),
        // Benchmarks behind `merit bench`: kept out of the library targets.
        .target(
            name: "MeritBenchmarks", dependencies: ["MeritCore", "MeritYAML", "MeritIO", "MeritReports", "MeritJob", "CYAML"],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "merit",
            dependencies: [
                "MeritCore", "MeritYAML", "MeritIO", "MeritReports", "MeritJob", "MeritAccounts", "MeritServer", "MeritBenchmarks", "MeritPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // The fuzz targets of the readers (scripts/fuzz builds them with -sanitize=fuzzer,address).
        .target(name: "CFuzzShim"),
        .executableTarget(
            name: "merit-fuzz",
            dependencies: [
                "CFuzzShim", "SystemZlib", "MeritCore", "MeritYAML", "MeritLibrary", "MeritRecords",
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MeritYAMLTests", dependencies: ["MeritYAML"], exclude: ["Fixtures", "Conformance"],
            swiftSettings: swiftSettings),
        .testTarget(name: "MeritCoreTests", dependencies: ["MeritCore"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MeritLibraryTests", dependencies: ["MeritLibrary", "MeritCore", "MeritYAML"], exclude: ["Fixtures"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MeritRecordsTests",
            dependencies: ["MeritRecords", "MeritLibrary", "MeritCore", "MeritYAML", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MeritIOTests", dependencies: ["MeritIO", "MeritCore", "MeritYAML", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MeritReportsTests", dependencies: ["MeritReports", "MeritCore", "MeritIO"], exclude: ["Golden"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MeritJobTests", dependencies: ["MeritJob", "MeritIO", "MeritCore", "MeritLibrary", "MeritReports"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MeritAccountsTests", dependencies: ["MeritAccounts", "MeritIO", "MeritCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MeritServerTests",
            dependencies: [
                "MeritServer", "MeritAccounts", "MeritIO", "MeritCore", "MeritLibrary", "MeritReports", "MeritPostgres", "MeritPostgresTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings),
        // The PostgreSQL cluster the tests start (scripts/postgres-cluster), shared by the test targets that need one.
        .target(name: "MeritPostgresTesting", dependencies: ["MeritPostgres"], path: "Tests/MeritPostgresTesting", swiftSettings: swiftSettings),
        .testTarget(
            name: "MeritPostgresTests",
            dependencies: [
                "MeritPostgres", "MeritPostgresTesting", "MeritAccounts", "MeritIO", "MeritCore", "merit",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "MeritBenchmarksTests", dependencies: ["MeritBenchmarks", "MeritIO", "MeritCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MeritEndToEndTests", dependencies: ["merit"], exclude: ["Fixtures", "Golden"], swiftSettings: swiftSettings),
    ]
)
