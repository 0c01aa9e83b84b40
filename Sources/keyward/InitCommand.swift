import KeywardCore
import KeywardCrypto
import KeywardStore

#if canImport(Glibc)
    import Glibc
#endif

/// `keyward init`: creates the data directory, the master key, the database, the installation
/// root CA, the first organization and environment, and an administrator application holding
/// Organization Admin over the organization, whose client id and secret are printed once. Refuses to run twice on the same data directory.
enum InitCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let options: InitOptions
        do {
            options = try InitOptions(arguments: arguments)
        } catch {
            StandardStreams.error("keyward init: \(error.message)\n\n\(Usage.text)")
            return Usage.exitStatus
        }
        if options.wantsHelp {
            StandardStreams.out(Usage.text)
            return 0
        }
        do {
            let result = try initialise(options)
            StandardStreams.out(options.json ? result.json(options) : result.text(options))
            return 0
        } catch {
            let message = (error as? CoreError)?.description ?? "\(error)"
            StandardStreams.error("keyward init: \(message)\n")
            return 1
        }
    }

    /// What `init` made, for printing.
    struct Result {
        var rootSubject: String
        var organization: Organization
        var environment: Environment
        var application: Application
        var secret: String

        func json(_ options: InitOptions) -> String {
            JSONLine.object([
                "dataDirectory": options.dataDirectory,
                "rootSubject": rootSubject,
                "organizationId": organization.id.lowercaseString,
                "environmentId": environment.id.lowercaseString,
                "clientId": application.id.lowercaseString,
                "clientSecret": secret,
            ])
        }

        func text(_ options: InitOptions) -> String {
            """
            Keyward initialised in \(options.dataDirectory)
              root CA:       \(rootSubject)
              master key:    \(masterKeySource(options.dataDirectory))
              organization:  \(organization.name) (\(organization.id.lowercaseString))
              environment:   \(environment.name) (\(environment.id.lowercaseString))
              client id:     \(application.id.lowercaseString)
              client secret: \(secret)
            The client secret is shown this once and is not stored; keep it in a password manager.
            Keep the master key safe and backed up apart from the database: without it no private key opens.

            """
        }
    }

    private static var masterKeyIsInEnvironment: Bool { getenv("KEYWARD_MASTER_KEY") != nil }

    private static func masterKeySource(_ dataDirectory: String) -> String {
        masterKeyIsInEnvironment
            ? "from KEYWARD_MASTER_KEY (no file written)" : "\(dataDirectory)/master.key (mode 0600)"
    }

    /// Makes the directory (0700), the master key (unless KEYWARD_MASTER_KEY is set), the
    /// database, the root CA, the organization, its environment and the administrator application.
    private static func initialise(_ options: InitOptions) throws -> Result {
        try InstallationService.checkRootSubject(options.rootSubject)
        if mkdir(options.dataDirectory, 0o700) != 0 && errno != EEXIST {
            throw InitError.cannotCreateDirectory(options.dataDirectory)
        }
        let masterKey =
            masterKeyIsInEnvironment
            ? try MasterKey.load(dataDirectory: options.dataDirectory)
            : try MasterKey.create(in: options.dataDirectory)
        let store = try SQLiteStore(path: "\(options.dataDirectory)/keyward.db", masterKey: masterKey)
        let root = try InstallationService(store: store).initialise(rootSubject: options.rootSubject)
        let organization = try OrganizationService(store: store).create(name: options.organizationName)
        let environment = try EnvironmentService(store: store).create(
            EnvironmentRequest(
                name: options.environmentName,
                description: "Where Keyward's administrator application lives"
            ),
            in: organization.id
        )
        let (application, secret) = try ApplicationService(store: store).create(
            name: "Keyward administrator",
            in: environment.id
        )
        try RoleAssignmentService(store: store).grantAsOperator(
            BuiltInRoles.organizationAdminID,
            at: .organization(organization.id),
            to: application.id
        )
        return Result(
            rootSubject: try Certificate(parsing: root.certificateDER).subject.description,
            organization: organization,
            environment: environment,
            application: application,
            secret: secret
        )
    }
}

/// Why `keyward init` could not prepare the data directory.
enum InitError: Error, CustomStringConvertible {
    case cannotCreateDirectory(String)

    var description: String {
        switch self {
        case .cannotCreateDirectory(let path): "cannot create the data directory \(path)"
        }
    }
}
