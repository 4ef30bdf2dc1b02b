import AWSJSONProtocol

/// One user pool app client as stored. `settings` holds every echoed member of AWS's
/// `UserPoolClientType` except the identifiers and dates (ClientName and ClientSecret included),
/// with AWS's defaults already filled in, so DescribeUserPoolClient is `settings` plus five keys.
/// The typed members below are derived from `settings` once, when the value is made, because
/// sign-in reads them on every request.
///
/// Invariant: `settings` was produced by `AppClientSettings.make`, so every derived member is
/// within AWS's ranges (token validities, AuthSessionValidity 3–15).
struct AppClient: Sendable, Equatable {
    let poolId: String
    let clientId: String
    let creationDate: Double
    let lastModifiedDate: Double
    let settings: [String: JSONValue]

    let clientName: String
    /// nil for a public client (no secret): SECRET_HASH is then ignored.
    let clientSecret: String?
    /// The flows the client allows, AWS's three defaults when none were sent (legacy names kept as
    /// they were sent; `ALLOW_ADMIN_USER_PASSWORD_AUTH` replaces `ADMIN_NO_SRP_AUTH`, [D: BOTO]).
    let explicitAuthFlows: [String]
    /// Lifetime of a sign-in `Session` (spec 3.4), 3–15 minutes, default 3.
    let authSessionValidityMinutes: Int
    let accessTokenValiditySeconds: Int
    let idTokenValiditySeconds: Int
    let refreshTokenValiditySeconds: Int
    /// `PreventUserExistenceErrors == ENABLED`: unknown users get the wrong-password answer.
    let preventUserExistenceErrors: Bool
    let enableTokenRevocation: Bool
    /// nil: the client may read every attribute (AWS's default when `ReadAttributes` is not set).
    let readAttributes: [String]?
    /// nil: the client may write every mutable attribute (AWS's default).
    let writeAttributes: [String]?

    init(poolId: String, clientId: String, creationDate: Double, lastModifiedDate: Double, settings: [String: JSONValue]) {
        self.poolId = poolId
        self.clientId = clientId
        self.creationDate = creationDate
        self.lastModifiedDate = lastModifiedDate
        self.settings = settings
        clientName = settings["ClientName"]?.stringValue ?? ""
        clientSecret = settings["ClientSecret"]?.stringValue
        explicitAuthFlows = settings["ExplicitAuthFlows"]?.arrayValue?.compactMap(\.stringValue) ?? AppClientDefaults.explicitAuthFlows
        authSessionValidityMinutes = Int(settings["AuthSessionValidity"]?.intValue ?? Int64(AppClientDefaults.authSessionValidity))
        let units = settings["TokenValidityUnits"]
        accessTokenValiditySeconds = TokenValidity.access.seconds(settings["AccessTokenValidity"], unit: units?["AccessToken"])
        idTokenValiditySeconds = TokenValidity.id.seconds(settings["IdTokenValidity"], unit: units?["IdToken"])
        refreshTokenValiditySeconds = TokenValidity.refresh.seconds(settings["RefreshTokenValidity"], unit: units?["RefreshToken"])
        preventUserExistenceErrors = settings["PreventUserExistenceErrors"]?.stringValue == "ENABLED"
        enableTokenRevocation = settings["EnableTokenRevocation"]?.boolValue ?? true
        readAttributes = settings["ReadAttributes"]?.arrayValue?.compactMap(\.stringValue)
        writeAttributes = settings["WriteAttributes"]?.arrayValue?.compactMap(\.stringValue)
    }

    /// The `UserPoolClient` member of Create/Describe/UpdateUserPoolClient output.
    var describe: JSONValue {
        var object = settings
        object["UserPoolId"] = .string(poolId)
        object["ClientId"] = .string(clientId)
        object["CreationDate"] = .double(creationDate)
        object["LastModifiedDate"] = .double(lastModifiedDate)
        return .object(object)
    }

    /// The entry for ListUserPoolClients (`UserPoolClientDescription`).
    var summary: JSONValue {
        ["ClientId": .string(clientId), "UserPoolId": .string(poolId), "ClientName": .string(clientName)]
    }
}

/// The three token lifetimes: their default value and unit when not sent, and AWS's range.
enum TokenValidity {
    case access, id, refresh

    /// Seconds per `TimeUnitsType` value.
    static let unitSeconds: [String: Int] = ["seconds": 1, "minutes": 60, "hours": 3600, "days": 86_400]

    /// The unit a bare number is counted in: hours for access and ID tokens, days for refresh
    /// tokens [D: BOTO `TokenValidityUnits`, `AccessTokenValidity`, `RefreshTokenValidity`].
    var defaultUnit: String { self == .refresh ? "days" : "hours" }

    /// One hour for access and ID tokens, 30 days for refresh tokens [D: BOTO].
    var defaultSeconds: Int { self == .refresh ? 30 * 86_400 : 3600 }

    /// Access and ID tokens: 5 minutes to 1 day; refresh tokens: 60 minutes to 10 years
    /// [D: BOTO ranges in seconds (max 86400, 315360000); DG "user pool app client" token settings].
    var allowedSeconds: ClosedRange<Int> { self == .refresh ? 3600...315_360_000 : 300...86_400 }

    /// The lifetime a stored value and unit stand for (the default when no value was sent).
    func seconds(_ value: JSONValue?, unit: JSONValue?) -> Int {
        guard let value = value?.intValue else { return defaultSeconds }
        let perUnit = Self.unitSeconds[unit?.stringValue ?? defaultUnit] ?? 1
        let (product, overflow) = Int(value).multipliedReportingOverflow(by: perUnit)
        return overflow ? Int.max : product
    }
}

/// What CreateUserPoolClient fills in for members the caller leaves out.
enum AppClientDefaults {
    /// "If you don't specify a value for ExplicitAuthFlows, your app client supports
    /// ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH, and ALLOW_CUSTOM_AUTH." [D: BOTO];
    /// AWS lists them in the response [M: floci issue 3997].
    static let explicitAuthFlows = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]
    /// "When you create a new app client with the Amazon Cognito user pools API,
    /// PreventUserExistenceErrors is LEGACY, or disabled, by default." [D: DG
    /// cognito-user-pool-managing-errors.html; BOTO "Defaults to LEGACY."]
    static let preventUserExistenceErrors = "LEGACY"
    /// [D: BOTO "If you don't include this parameter, token revocation is automatically activated"].
    static let enableTokenRevocation = true
    /// [D: BOTO; spec 3.4] minutes.
    static let authSessionValidity = 3
    /// Refresh token lifetime in days [D: BOTO; CLI example describe-user-pool-client.rst shows 30].
    static let refreshTokenValidityDays = 30
    /// Generated client ids: 26 of [a-z0-9] (spec 6); generated secrets: see `secretLength`.
    static let clientIdLength = 26
    /// [I] 51 lower-case letters and digits: no real generated secret was found in public sources;
    /// the model allows 24–64 of `[\w+]` (BOTO `ClientSecretType`). Section 9-style choice.
    static let secretLength = 51
}
