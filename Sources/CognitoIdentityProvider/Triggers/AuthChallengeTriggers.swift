import AWSJSONProtocol

/// One step of a custom authentication as the define auth challenge function sees it in
/// `request.session` (developer guide, "Define auth challenge Lambda trigger").
struct ChallengeResult: Sendable, Equatable {
    let challengeName: String
    let challengeResult: Bool
    let challengeMetadata: String?

    var json: JSONValue {
        [
            "challengeName": .string(challengeName), "challengeResult": .bool(challengeResult),
            "challengeMetadata": challengeMetadata.map { .string($0) } ?? .null,
        ]
    }

    init(challengeName: String, challengeResult: Bool, challengeMetadata: String? = nil) {
        self.challengeName = challengeName
        self.challengeResult = challengeResult
        self.challengeMetadata = challengeMetadata
    }

    init?(_ value: JSONValue) {
        guard let name = value["challengeName"]?.stringValue, let result = value["challengeResult"]?.boolValue else { return nil }
        self.init(challengeName: name, challengeResult: result, challengeMetadata: value["challengeMetadata"]?.stringValue)
    }

    static func list(_ value: JSONValue?) -> [ChallengeResult] { value?.arrayValue?.compactMap(ChallengeResult.init) ?? [] }
    static func json(_ list: [ChallengeResult]) -> JSONValue { .array(list.map(\.json)) }
}

/// What the define auth challenge function decided.
enum DefineDecision: Equatable {
    case issueTokens
    case fail
    case challenge(String)
}

/// What the create auth challenge function made.
struct CreatedChallenge: Equatable {
    var publicParameters: [String: String] = [:]
    var privateParameters: [String: String] = [:]
    var metadata: String?
}

/// The three triggers of the custom authentication flow. Their initial `response` members are
/// sent as null [I: the guide's examples show only the fields' types].
extension Triggers {
    func defineAuthChallenge(user: User, history: [ChallengeResult], clientId: String, clientMetadata: JSONValue?) throws -> DefineDecision {
        let response = try invoke(
            "DefineAuthChallenge", source: "DefineAuthChallenge_Authentication", userName: user.username, clientId: clientId,
            request: [
                "userAttributes": .object(Self.userAttributes(user)), "session": ChallengeResult.json(history),
                "clientMetadata": clientMetadata.map { .object(Self.stringMap($0)) } ?? .null, "userNotFound": false,
            ],
            response: ["challengeName": .null, "issueTokens": .null, "failAuthentication": .null])
        if try Self.flag(response["failAuthentication"]) { return .fail }
        if try Self.flag(response["issueTokens"]) { return .issueTokens }
        guard let name = response["challengeName"]?.stringValue else { throw TriggerErrors.unrecognizable }
        return .challenge(name)
    }

    func createAuthChallenge(
        user: User, challengeName: String, history: [ChallengeResult], clientId: String, clientMetadata: JSONValue?
    ) throws -> CreatedChallenge {
        let response = try invoke(
            "CreateAuthChallenge", source: "CreateAuthChallenge_Authentication", userName: user.username, clientId: clientId,
            request: [
                "userAttributes": .object(Self.userAttributes(user)), "challengeName": .string(challengeName),
                "session": ChallengeResult.json(history),
                "clientMetadata": clientMetadata.map { .object(Self.stringMap($0)) } ?? .null, "userNotFound": false,
            ],
            response: ["publicChallengeParameters": .null, "privateChallengeParameters": .null, "challengeMetadata": .null])
        var created = CreatedChallenge()
        created.publicParameters = try Self.stringPairs(response["publicChallengeParameters"])
        created.privateParameters = try Self.stringPairs(response["privateChallengeParameters"])
        switch response["challengeMetadata"] {
        case nil, .null?: break
        case .string(let text)?: created.metadata = text
        default: throw TriggerErrors.unrecognizable
        }
        return created
    }

    func verifyAuthChallengeResponse(
        user: User, privateParameters: [String: String], answer: String, clientId: String, clientMetadata: JSONValue?
    ) throws -> Bool {
        let response = try invoke(
            "VerifyAuthChallengeResponse", source: "VerifyAuthChallengeResponse_Authentication", userName: user.username,
            clientId: clientId,
            request: [
                "userAttributes": .object(Self.userAttributes(user)),
                "privateChallengeParameters": .object(privateParameters.mapValues { .string($0) }),
                "challengeAnswer": .string(answer),
                "clientMetadata": clientMetadata.map { .object(Self.stringMap($0)) } ?? .null, "userNotFound": false,
            ],
            response: ["answerCorrect": .null])
        return try Self.flag(response["answerCorrect"])
    }

    /// A map of strings (challenge parameters); numbers and booleans are turned into text [I].
    static func stringPairs(_ value: JSONValue?) throws -> [String: String] {
        guard let members = try object(value) else { return [:] }
        var pairs: [String: String] = [:]
        for (name, member) in members {
            switch member {
            case .string(let text): pairs[name] = text
            case .int(let number): pairs[name] = String(number)
            case .double(let number): pairs[name] = String(number)
            case .bool(let flag): pairs[name] = flag ? "true" : "false"
            case .null: continue
            default: throw TriggerErrors.unrecognizable
            }
        }
        return pairs
    }
}
