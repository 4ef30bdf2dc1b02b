import AWSJSONProtocol
import CognitoIdentityProvider
import HTTPCore

/// `GET|POST /login`: the sign-in page and every step after it. Each POST names its `step`; the
/// sign-in state between pages is the API's own challenge Session in a hidden field, and the
/// authorization request rides along in the form's action, so the server keeps no page state.
struct LoginFlow {
    let server: AuthorizationServer
    let request: DomainRequest

    /// The CSRF token of this browser (its cookie), or a new one set with the page.
    var csrf: (token: String, setCookie: [(String, String)]) {
        if let token = Cookies.value(Cookies.csrf, in: request.request), token.count >= 16 { return (token, []) }
        let token = Cookies.newCSRFToken()
        return (token, [Cookies.set(Cookies.csrf, token, path: request.base, maxAge: 86_400)])
    }

    func show() -> HTTPResponse {
        switch AuthorizeEndpoint.check(request, server: server) {
        case .refused(let response): return response
        case .accepted(let authorization): return signInPage(authorization, error: nil, username: "")
        }
    }

    func submit() -> HTTPResponse {
        let authorization: AuthorizationRequest
        switch AuthorizeEndpoint.check(request, server: server) {
        case .refused(let response): return response
        case .accepted(let accepted): authorization = accepted
        }
        let form = request.form
        let username = form["username"] ?? ""
        guard Cookies.csrfMatches(request.request, form: form) else {
            return signInPage(authorization, error: "Your session has expired. Please sign in again.", username: username, status: 403)
        }
        let site = request.site
        let clientId = authorization.client.clientId
        let host = request.issuerHost
        let session = form["session"] ?? ""
        switch form["step"] {
        case "password":
            let step = server.signIn(site: site, clientId: clientId, username: username, password: form["password"] ?? "", host: host)
            return follow(step, authorization, username: username)
        case "challenge":
            let challenge = form["challenge"] ?? ""
            let responses = ChallengePages.responses(challenge: challenge, form: form)
            let step = server.answer(site: site, clientId: clientId, challenge: challenge, session: session, username: username,
                                     responses: responses, host: host)
            if case .failed(let error) = step, ChallengePages.retryable(error) {
                return challengePage(authorization, name: challenge, session: session, username: username,
                                     parameters: ChallengePages.carried(form), error: error.message)
            }
            return follow(step, authorization, username: username)
        case "setup-choice":
            return setupPage(authorization, factor: form["factor"] ?? "", session: session, username: username)
        case "totp-setup":
            switch server.verifySoftwareToken(session: session, code: form["code"] ?? "") {
            case .success(let next):
                let step = server.answer(site: site, clientId: clientId, challenge: "MFA_SETUP", session: next, username: username,
                                         responses: [:], host: host)
                return follow(step, authorization, username: username)
            case .failure(let error) where ChallengePages.retryable(error):
                return totpSetupPage(authorization, secret: form["secret"] ?? "", session: session, username: username, error: error.message)
            case .failure(let error):
                return signInPage(authorization, error: error.message, username: username)
            }
        case "email-setup":
            let step = server.answer(site: site, clientId: clientId, challenge: "MFA_SETUP", session: session, username: username,
                                     responses: ["EMAIL": form["email"] ?? ""], host: host)
            return follow(step, authorization, username: username)
        default:
            return signInPage(authorization, error: nil, username: username)
        }
    }

    /// Where a sign-in step leads: back to the app, the next challenge, or the sign-in page with the error.
    private func follow(_ step: SignInStep, _ authorization: AuthorizationRequest, username: String) -> HTTPResponse {
        switch step {
        case .signedIn(let id):
            guard let session = try? server.loginSession(id, site: request.site) else {
                return signInPage(authorization, error: "Invalid session for the user.", username: username)
            }
            return AuthorizeEndpoint.complete(authorization, session: session, server: server, request: request,
                                              setCookie: Cookies.set(Cookies.login, id, path: request.base))
        case .challenge(let name, let session, let parameters):
            let user = parameters["USER_ID_FOR_SRP"] ?? username
            if name == "MFA_SETUP" {
                let factors = ChallengePages.list(parameters["MFAS_CAN_SETUP"])
                let offered = factors.filter { $0 == "SOFTWARE_TOKEN_MFA" || $0 == "EMAIL_OTP" }
                if offered.count == 1 { return setupPage(authorization, factor: offered[0], session: session, username: user) }
                if offered.isEmpty {
                    return signInPage(authorization, error: "Set up MFA for this user before signing in here (\(factors.joined(separator: ", "))).",
                                      username: username)
                }
            }
            return challengePage(authorization, name: name, session: session, username: user, parameters: parameters, error: nil)
        case .failed(let error):
            return signInPage(authorization, error: error.message ?? error.type, username: username)
        }
    }

    private var action: String { "\(request.base)/login?\(request.request.query ?? "")" }

    func signInPage(
        _ authorization: AuthorizationRequest, error: String?, username: String, status: Int = 200, notice: String? = nil
    ) -> HTTPResponse {
        let (token, cookies) = csrf
        let forgot = HTML.element("p", [("class", "note")], [
            .element("a", attributes: ["href": "\(request.base)/forgotPassword?\(request.request.query ?? "")", "id": "forgot"],
                     [.text("Forgot your password?")]),
        ])
        let notes: [HTML] = notice.map { [.element("p", [("class", "note"), ("role", "status")], [.text($0)])] } ?? []
        let form = Pages.form(action: action, csrf: token, hidden: [("step", "password")], [
            Pages.field("Username", name: "username", value: username, autocomplete: "username"),
            Pages.field("Password", name: "password", type: "password", autocomplete: "current-password"),
        ], submit: "Sign in")
        return Pages.document(site: request.site, title: "Sign in", notes + [Pages.error(error), form, forgot], status: status, headers: cookies)
    }

    private func challengePage(
        _ authorization: AuthorizationRequest, name: String, session: String, username: String, parameters: [String: String], error: String?
    ) -> HTTPResponse {
        let (token, cookies) = csrf
        let page = ChallengePages.content(name: name, parameters: parameters)
        let hidden = [("step", "challenge"), ("challenge", name), ("session", session), ("username", username)]
            + parameters.sorted { $0.key < $1.key }.map { ("param.\($0.key)", $0.value) }
        let form = Pages.form(action: action, csrf: token, hidden: hidden, page.fields, submit: page.submit)
        return Pages.document(site: request.site, title: page.title, [Pages.error(error)] + page.intro + [form], headers: cookies)
    }

    /// MFA_SETUP: TOTP (Associate, then a code) or email (an address, then EMAIL_OTP).
    private func setupPage(_ authorization: AuthorizationRequest, factor: String, session: String, username: String) -> HTTPResponse {
        let (token, cookies) = csrf
        switch factor {
        case "SOFTWARE_TOKEN_MFA":
            switch server.associateSoftwareToken(session: session) {
            case .success(let associated):
                return totpSetupPage(authorization, secret: associated.secret, session: associated.session, username: username, error: nil)
            case .failure(let error):
                return signInPage(authorization, error: error.message, username: username)
            }
        case "EMAIL_OTP":
            let form = Pages.form(action: action, csrf: token, hidden: [("step", "email-setup"), ("session", session), ("username", username)],
                                  [Pages.field("Email address", name: "email", type: "email", autocomplete: "email")], submit: "Send code")
            return Pages.document(site: request.site, title: "Set up email MFA",
                                  [.element("p", [], [.text("Enter the address to receive sign-in codes at.")]), form], headers: cookies)
        default:
            let choices = ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"].map { ChallengePages.radio(name: "factor", value: $0) }
            let form = Pages.form(action: action, csrf: token, hidden: [("step", "setup-choice"), ("session", session), ("username", username)],
                                  choices, submit: "Continue")
            return Pages.document(site: request.site, title: "Set up multi-factor authentication", [form], headers: cookies)
        }
    }

    private func totpSetupPage(
        _ authorization: AuthorizationRequest, secret: String, session: String, username: String, error: String?
    ) -> HTTPResponse {
        let (token, cookies) = csrf
        let uri = "otpauth://totp/" + FormEncoding.escape("\(request.site.poolName):\(username)")
            + "?" + FormEncoding.encode([("secret", secret), ("issuer", request.site.poolName)])
        let intro: [HTML] = [
            .element("p", [], [.text("Scan this code with your authenticator app, or enter the key by hand.")]),
            QRCodePicture.html(for: uri),
            .element("p", [("class", "note")], [.text("Key")]),
            .element("p", [("class", "secret"), ("id", "secret")], [.text(secret)]),
            .element("p", [("class", "note")], [.text("Link: "), .element("a", attributes: ["href": uri, "id": "otpauth"], [.text("otpauth URI")])]),
        ]
        let form = Pages.form(action: action, csrf: token,
                              hidden: [("step", "totp-setup"), ("session", session), ("username", username), ("secret", secret)],
                              [Pages.field("Code from your app", name: "code", autocomplete: "one-time-code",
                                           extra: [("inputmode", "numeric")])], submit: "Verify")
        return Pages.document(site: request.site, title: "Set up an authenticator app", [Pages.error(error)] + intro + [form], headers: cookies)
    }
}
