// swift-tools-version:6.0
import PackageDescription

/// Keyward: a self-hosted key and certificate management service.
///
/// Module boundaries follow `DESIGN.md`: C libraries are reached only through the
/// system-library shims, OpenSSL only through KeywardCrypto, and dependencies point down.
let package = Package(
    name: "Keyward",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "keyward", targets: ["keyward"])
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            path: "Sources/COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CPostgres",
            path: "Sources/CPostgres",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CMicroHTTPD",
            path: "Sources/CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "KeywardCrypto", dependencies: ["COpenSSL"]),
        .target(name: "KeywardCore", dependencies: ["KeywardCrypto"]),
        .target(name: "KeywardStore", dependencies: ["KeywardCore", "CSQLite", "CPostgres"]),
        .target(name: "KeywardHTTP", dependencies: ["KeywardCore", "KeywardCrypto", "CMicroHTTPD"]),
        .target(name: "KeywardWebhooks", dependencies: ["KeywardCore", "KeywardCrypto", "KeywardHTTP", "CCurl"]),
        .executableTarget(
            name: "keyward",
            dependencies: ["KeywardCrypto", "KeywardCore", "KeywardStore", "KeywardHTTP", "KeywardWebhooks"]
        ),
        .executableTarget(name: "keyward-soak", dependencies: ["KeywardCrypto"]),
        .executableTarget(name: "keyward-durability-child", dependencies: ["KeywardCore", "KeywardStore"]),
        .testTarget(name: "KeywardCoreTests", dependencies: ["KeywardCore", "KeywardCrypto", "KeywardStore"]),
        .target(name: "KeywardTestSupport", path: "Tests/KeywardTestSupport"),
        .testTarget(name: "KeywardCryptoTests", dependencies: ["KeywardCrypto", "KeywardTestSupport"]),
        .testTarget(
            name: "KeywardHTTPTests",
            dependencies: ["KeywardHTTP", "KeywardCore", "KeywardCrypto", "KeywardStore", "KeywardTestSupport"]
        ),
        .testTarget(name: "KeywardStoreTests", dependencies: ["KeywardStore", "KeywardCore", "KeywardCrypto"]),
        .testTarget(
            name: "KeywardWebhooksTests",
            dependencies: [
                "KeywardWebhooks", "KeywardHTTP", "KeywardCore", "KeywardCrypto", "KeywardStore", "KeywardTestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
