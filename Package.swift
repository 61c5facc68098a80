// swift-tools-version:6.0
import PackageDescription

/// leadbox: offline-first lead capture for Bitrix24.
///
/// Dependencies flow one way: LeadStore and Bitrix24 build on LeadCore; SyncEngine on LeadStore
/// and Bitrix24; LeadRuntime (the command runner, signals, the daemon's lock wait, the netlink
/// watcher, systemd's notifier) on SyncEngine; LeadTUI on LeadStore alone (the engine lock it
/// asks about lives beside the store), so the UI pulls in no HTTP client; the `leadbox`
/// executable wires them all. FakePortal deliberately shares no code with Bitrix24, so a
/// decoding bug cannot hide itself. Every target lists exactly the modules it imports (LeadStore's
/// `import GRDBSQLite`, for a reader's progress handler, is GRDB's own SQLite module, which comes
/// with the GRDB product). Linux only: the terminal UI, the engine lock and the netlink watcher
/// use Glibc and Linux interfaces, so no other platform is claimed.
let package = Package(
    name: "leadbox",
    products: [
        .executable(name: "leadbox", targets: ["leadbox"]),
        .executable(name: "leadbox-fake-portal", targets: ["leadbox-fake-portal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .target(name: "LeadCore"),
        .target(name: "ContactInput", dependencies: ["LeadCore"]),
        .target(
            name: "Migrations",
            path: "Migrations",
            resources: [
                .embedInCode("0001_init.sql"),
                .embedInCode("0002_change_index.sql"),
                .embedInCode("0003_synced_today_index.sql"),
                .embedInCode("0004_search_index.sql"),
                .embedInCode("0005_state_counts.sql"),
                .embedInCode("0007_raw_scan.sql"),
                .embedInCode("0008_answers_consent.sql"),
                .embedInCode("0009_handover.sql"),
                .embedInCode("0010_notes.sql"),
                .embedInCode("0011_handed_over_count.sql"),
                .embedInCode("0012_change_watch.sql"),
                .embedInCode("0013_bulk_state_counts.sql"),
                .embedInCode("0014_one_counter_owner.sql"),
                .embedInCode("0015_note_file.sql"),
            ]
        ),
        .target(
            name: "LeadStore",
            dependencies: [
                "LeadCore", "Migrations",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "Bitrix24",
            dependencies: [
                "LeadCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "SyncEngine",
            dependencies: [
                "LeadCore", "LeadStore", "Bitrix24",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LeadRuntime",
            dependencies: [
                "LeadStore", "SyncEngine",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            // No pkgConfig: Debian's headers are in /usr/include, and SwiftPM drops the
            // -D flags of ncursesw.pc anyway (the shim defines NCURSES_WIDECHAR itself).
            providers: [.apt(["libncurses-dev"])]
        ),
        // Badge and card photos: zbar, libjpeg-turbo, libpng, libheif and Tesseract opened with
        // dlopen at run time, never linked, so the binary starts on a laptop without them. CHeif
        // declares the few libheif types (its error struct comes back by value).
        .target(name: "CHeif"),
        .target(name: "BadgeImage", dependencies: ["LeadCore", "ContactInput", "CHeif"]),
        // The camera (issue 20): V4L2 through a tiny C module whose structures are checked against
        // <linux/videodev2.h> when it compiles; frames decoded through BadgeImage.
        .target(name: "CV4L2"),
        .target(name: "Camera", dependencies: ["BadgeImage", "CV4L2"]),
        .target(
            name: "LeadTUI",
            dependencies: ["LeadCore", "ContactInput", "LeadStore", "CNcursesw", "BadgeImage", "Camera"]
        ),
        .target(
            name: "FakePortal",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "leadbox",
            dependencies: [
                "LeadCore", "ContactInput", "LeadStore", "Bitrix24", "SyncEngine", "LeadRuntime", "LeadTUI", "BadgeImage", "Camera",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(name: "leadbox-bench", dependencies: ["LeadCore", "LeadStore"]),
        .executableTarget(
            name: "leadbox-fake-portal",
            dependencies: [
                "FakePortal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LeadCoreTests", dependencies: ["LeadCore"]),
        .testTarget(name: "ContactInputTests", dependencies: ["ContactInput", "LeadCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LeadStoreTests", dependencies: ["LeadStore", "LeadCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "Bitrix24Tests",
            dependencies: [
                "Bitrix24", "FakePortal", "LeadCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            exclude: ["Recorded"]  // answers recorded from live portals, read from the source tree by path
        ),
        .testTarget(
            name: "FakePortalTests",
            dependencies: [
                "FakePortal",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "SyncEngineTests",
            dependencies: ["SyncEngine", "LeadStore", "Bitrix24", "LeadCore", "FakePortal", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "LeadRuntimeTests", dependencies: ["LeadRuntime"]),
        // What several test targets share (running the tools that draw test pictures).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "BadgeImageTests", dependencies: ["BadgeImage", "CHeif", "ContactInput", "LeadCore", "TestSupport"]),
        .testTarget(name: "CameraTests", dependencies: ["Camera", "CV4L2", "BadgeImage", "TestSupport"]),
        .testTarget(name: "LeadTUITests", dependencies: ["LeadTUI", "LeadStore", "LeadCore", "Camera"]),
        .testTarget(
            name: "EndToEndTests",
            // Runs the built executables; depending on them makes `swift build --build-tests` build them.
            dependencies: ["leadbox", "leadbox-fake-portal", "TestSupport"]
        ),
    ]
)
