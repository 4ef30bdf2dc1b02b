import AWSJSONProtocol

/// Which `AuthFlow` values each operation takes and which `ExplicitAuthFlows` of the app client
/// allow them (the `ALLOW_*` values and their legacy equivalents).
enum AuthFlows {
    static func allows(_ client: AppClient, _ flow: String) -> Bool {
        let enabled = Set(client.explicitAuthFlows)
        switch flow {
        case "USER_PASSWORD_AUTH":
            return enabled.contains("ALLOW_USER_PASSWORD_AUTH") || enabled.contains("USER_PASSWORD_AUTH")
        case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH":
            return enabled.contains("ALLOW_ADMIN_USER_PASSWORD_AUTH") || enabled.contains("ADMIN_NO_SRP_AUTH")
        case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN":
            // Clients configured with legacy values only always allowed refresh.
            return enabled.contains("ALLOW_REFRESH_TOKEN_AUTH") || !enabled.contains(where: { $0.hasPrefix("ALLOW_") })
        case "CUSTOM_AUTH":
            return enabled.contains("ALLOW_CUSTOM_AUTH") || enabled.contains("CUSTOM_AUTH_FLOW_ONLY")
        case "USER_AUTH":
            return enabled.contains("ALLOW_USER_AUTH")
        case "USER_SRP_AUTH":
            return enabled.contains("ALLOW_USER_SRP_AUTH") || !enabled.contains(where: { $0.hasPrefix("ALLOW_") })
        default:
            return false
        }
    }

    /// A flow of the model that this server does not implement yet: an honest refusal rather
    /// than a fake success (the README lists what is planned).
    static func unsupported(_ flow: String) -> AWSServiceError {
        .invalidParameter("\(flow) is not supported by MockCognito yet")
    }
}
