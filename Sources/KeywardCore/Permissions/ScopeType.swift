/// Where a role assignment applies: a whole organization (and so each of its environments) or
/// one environment. PingOne also has `POPULATION` and `APPLICATION`; Keyward has neither.
public enum ScopeType: String, CaseIterable, Hashable, Sendable {
    case organization = "ORGANIZATION"
    case environment = "ENVIRONMENT"
}
